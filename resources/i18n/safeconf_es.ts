<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>AckStatusModel</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="56"/>
        <source>Signing key</source>
        <translation>Clave de firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="55"/>
        <source>Attendee</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="55"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="55"/>
        <source>Acknowledgment</source>
        <translation>Reconocimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="71"/>
        <source>Waiting</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="73"/>
        <source>Refused — excluded</source>
        <translation>Se negó — excluido/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="75"/>
        <source>(needs renewing)</source>
        <translation>(hay que renovarlo)</translation>
    </message>
</context>
<context>
    <name>AcknowledgeForm</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="31"/>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="57"/>
        <source>Acknowledgment method</source>
        <translation>Forma de reconocimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="35"/>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="58"/>
        <source>Signature pad</source>
        <translation>Panel de firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="36"/>
        <source>C&amp;lear signature</source>
        <translation>&amp;Borrar firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="38"/>
        <source>I agree — &amp;sign</source>
        <translation>Estoy de acuerdo — &amp;firmar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="39"/>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="60"/>
        <source>Record drawn signature</source>
        <translation>Registrar firma dibujada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="42"/>
        <source>Sign with a finger, a pen or the mouse:</source>
        <translation>Firme con el dedo, un lápiz digital o el ratón:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="50"/>
        <source>&amp;Draw signature</source>
        <translation>&amp;Dibujar firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="54"/>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="59"/>
        <source>Typed name</source>
        <translation>Nombre escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="55"/>
        <source>I agree — record &amp;typed name</source>
        <translation>Estoy de acuerdo — re&amp;gistrar nombre escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="56"/>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="61"/>
        <source>Record typed name</source>
        <translation>Registrar nombre escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="59"/>
        <source>Full &amp;name:</source>
        <translation>&amp;Nombre completo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="63"/>
        <source>T&amp;yped name</source>
        <translation>Nombre es&amp;crito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="67"/>
        <source>Witness name</source>
        <translation>Nombre del testigo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="68"/>
        <source>Record verbal &amp;agreement</source>
        <translation>&amp;Registrar acuerdo verbal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="73"/>
        <source>The attendee agreed aloud. You attest it as facilitator; name a witness who heard it.</source>
        <translation>La persona asistente dio su acuerdo en voz alta. Usted lo certifica como facilitador/a; indique un testigo que lo oyó.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="77"/>
        <source>&amp;Witness:</source>
        <translation>&amp;Testigo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="81"/>
        <source>&amp;Verbal</source>
        <translation>Verba&amp;l</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="83"/>
        <source>Attendee &amp;refuses</source>
        <translation>La &amp;persona se niega</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/acknowledge_form.py" line="84"/>
        <source>Record refusal</source>
        <translation>Registrar negativa</translation>
    </message>
</context>
<context>
    <name>AppWindow</name>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="109"/>
        <source>No system keyring: this vault is protected by the passphrase alone.</source>
        <translation>Sin llavero del sistema: esta bóveda está protegida solo por la frase de contraseña.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="121"/>
        <source>&amp;Lock</source>
        <translation>&amp;Bloquear</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="122"/>
        <source>Lock now (Ctrl+L)</source>
        <translation>Bloquear ahora (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="128"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="131"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="147"/>
        <source>Report a l&amp;oss…</source>
        <translation>Informar una &amp;pérdida…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="149"/>
        <source>Report lost or stolen confidential information, at once</source>
        <translation>Informe de inmediato la pérdida o el robo de información confidencial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="151"/>
        <source>Re&amp;port a breach…</source>
        <translation>Informar una &amp;infracción…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="153"/>
        <source>Report a breach of confidentiality to the legal director</source>
        <translation>Informe al director legal una infracción de la confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="155"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="167"/>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="172"/>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="197"/>
        <location filename="../../src/safeconf/ui/app_window.py" line="242"/>
        <source>Locked</source>
        <translation>Bloqueado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="136"/>
        <source>S&amp;ync with HQ</source>
        <translation>Sincronizar con &amp;HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="137"/>
        <source>Sync with HQ now (Ctrl+Shift+S)</source>
        <translation>Sincronizar con HQ ahora (Ctrl+Mayús+S)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="141"/>
        <location filename="../../src/safeconf/ui/app_window.py" line="463"/>
        <source>&amp;Enroll with HQ…</source>
        <translation>&amp;Registrar en HQ…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="174"/>
        <location filename="../../src/safeconf/ui/app_window.py" line="392"/>
        <source>Sync with HQ</source>
        <translation>Sincronizar con HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="395"/>
        <source>Enroll this laptop now?</source>
        <translation>¿Registrar este portátil ahora?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="400"/>
        <source>Enroll this laptop again with a new code from HQ? Unsent changes are kept.</source>
        <translation>¿Registrar de nuevo este portátil con un código nuevo de HQ? Los cambios aún no enviados se conservan.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="462"/>
        <source>Enroll &amp;again with HQ…</source>
        <translation>Registrar de &amp;nuevo en HQ…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="477"/>
        <source>This laptop&apos;s vault was erased</source>
        <translation>Se borró la bóveda de este portátil</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="143"/>
        <source>&amp;Review conflicts…</source>
        <translation>Re&amp;visar conflictos…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="145"/>
        <source>Compare records changed both here and at HQ, and choose which stays</source>
        <translation>Comparar los registros cambiados aquí y en HQ, y elegir cuál se conserva</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/app_window.py" line="406"/>
        <source>Review the conflicts now?</source>
        <translation>¿Revisar los conflictos ahora?</translation>
    </message>
</context>
<context>
    <name>AskLegalDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="133"/>
        <source>Ask legal</source>
        <translation>Consultar al área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="147"/>
        <source>&lt;b&gt;Why this goes to legal&lt;/b&gt; ({0}):&lt;br/&gt;“{1}”</source>
        <translation>&lt;b&gt;Por qué va al área legal&lt;/b&gt; ({0}):&lt;br/&gt;“{1}”</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="151"/>
        <source>Passages to &amp;withhold (proposed redactions):</source>
        <translation>Pasajes que se &amp;omiten (omisiones propuestas):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="154"/>
        <source>Proposed redactions</source>
        <translation>Omisiones propuestas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="162"/>
        <source>Passage to withhold</source>
        <translation>Pasaje que se omite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="163"/>
        <source>A name, place or sentence to withhold</source>
        <translation>Un nombre, lugar o frase que se omite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="164"/>
        <source>&amp;Add passage</source>
        <translation>A&amp;gregar pasaje</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="165"/>
        <source>&amp;Remove passage</source>
        <translation>&amp;Quitar pasaje</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="174"/>
        <source>Your &amp;question for legal (required):</source>
        <translation>Su &amp;pregunta para el área legal (obligatoria):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="177"/>
        <source>Your question for legal</source>
        <translation>Su pregunta para el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="182"/>
        <source>The request waits on this laptop and goes to HQ at the next sync, so you can send it while offline. Nothing is disclosed until legal answers.</source>
        <translation>La solicitud espera en esta computadora y va a la sede en la próxima sincronización, así que puede enviarla sin conexión. No se divulga nada hasta que responda el área legal.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="191"/>
        <source>&amp;Send to legal</source>
        <translation>&amp;Enviar al área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="221"/>
        <source>{what}: {information}, {mode}, {extent}, to {name} ({category}).</source>
        <translation>{what}: {information}, {mode}, {extent}, a {name} ({category}).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="225"/>
        <source>Health purpose: {0}.</source>
        <translation>Propósito de salud: {0}.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="276"/>
        <source>Your question is queued for legal. It goes to HQ at the next sync; legal&apos;s answer appears with the case&apos;s legal reviews after a later sync. Do not disclose anything until then.</source>
        <translation>Su pregunta está en cola para el área legal. Va a la sede en la próxima sincronización; la respuesta aparece con las revisiones legales del caso después de una sincronización posterior. No divulgue nada hasta entonces.</translation>
    </message>
</context>
<context>
    <name>Attendee</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="37"/>
        <source>Confidentiality statement</source>
        <translation>Declaración de confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="38"/>
        <source>Please read this statement and sign below.</source>
        <translation>Por favor, lea esta declaración y firme abajo.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="39"/>
        <source>Thank you. Please hand the laptop back to the facilitator.</source>
        <translation>Gracias. Por favor, devuelva la computadora a la persona que facilita la reunión.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="41"/>
        <source>Si&amp;gn</source>
        <translation>&amp;Firmar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="42"/>
        <source>T&amp;ype your name</source>
        <translation>&amp;Escribir su nombre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="43"/>
        <source>Sign with a finger, a pen or the mouse:</source>
        <translation>Firme con el dedo, un lápiz digital o el ratón:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="44"/>
        <source>C&amp;lear</source>
        <translation>&amp;Borrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="45"/>
        <source>I agree — &amp;sign</source>
        <translation>Estoy de &amp;acuerdo — firmar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="46"/>
        <source>Full &amp;name:</source>
        <translation>&amp;Nombre completo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="47"/>
        <source>I agree — &amp;save my name</source>
        <translation>Estoy de acuerdo — &amp;guardar mi nombre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="48"/>
        <source>Please type your own full name as the facilitator recorded it: %1</source>
        <translation>Escriba su nombre completo tal como lo anotó el facilitador: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="50"/>
        <source>You have already agreed to this statement. Please hand the laptop back to the facilitator.</source>
        <translation>Usted ya aceptó esta declaración. Devuelva la computadora al facilitador, por favor.</translation>
    </message>
</context>
<context>
    <name>AttendeeDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="81"/>
        <source>Edit attendee</source>
        <translation>Editar asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="81"/>
        <source>Add attendee</source>
        <translation>Añadir asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="88"/>
        <source>Adult</source>
        <translation>Adulto/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="95"/>
        <source>Name of interpreter, if any</source>
        <translation>Nombre del intérprete, si lo hay</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="97"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="97"/>
        <source>Attendee name</source>
        <translation>Nombre del asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="98"/>
        <source>&amp;Role:</source>
        <translation>&amp;Función:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="98"/>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="99"/>
        <source>&amp;Age (minors):</source>
        <translation>&amp;Edad (menores):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="99"/>
        <source>Age band</source>
        <translation>Grupo de edad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="100"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="100"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="101"/>
        <source>&amp;Interpreter:</source>
        <translation>In&amp;térprete:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="101"/>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="131"/>
        <source>Enter the attendee&apos;s name to continue.</source>
        <translation>Escriba el nombre del asistente para continuar.</translation>
    </message>
</context>
<context>
    <name>AttendeeModel</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="54"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="54"/>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="54"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="55"/>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="55"/>
        <source>Presence</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="55"/>
        <source>Arrived</source>
        <translation>Llegada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="73"/>
        <source>Left at %1</source>
        <translation>Salió a las %1</translation>
    </message>
</context>
<context>
    <name>AttendeesPage</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="169"/>
        <source>Attendees</source>
        <translation>Asistentes</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="176"/>
        <source>&amp;Add attendee…</source>
        <translation>Añadir a&amp;sistente…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="177"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Editar…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="178"/>
        <source>Mark &amp;present</source>
        <translation>Marcar &amp;presente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="179"/>
        <source>Mark ab&amp;sent</source>
        <translation>Marcar ausen&amp;te</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="180"/>
        <source>Mark e&amp;xcused</source>
        <translation>Marcar e&amp;xcusado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="181"/>
        <source>Re&amp;move…</source>
        <translation>&amp;Quitar…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="183"/>
        <source>Add attendee</source>
        <translation>Añadir asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="184"/>
        <source>Edit attendee</source>
        <translation>Editar asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="185"/>
        <source>Mark present</source>
        <translation>Marcar presente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="186"/>
        <source>Mark absent</source>
        <translation>Marcar ausente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="187"/>
        <source>Mark excused</source>
        <translation>Marcar excusado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="188"/>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="404"/>
        <source>Remove attendee</source>
        <translation>Quitar asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="200"/>
        <source>New attendee&apos;s name</source>
        <translation>Nombre del nuevo asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="201"/>
        <source>Name of someone who is not listed</source>
        <translation>Nombre de alguien que no está en la lista</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="203"/>
        <source>New attendee&apos;s role</source>
        <translation>Función del nuevo asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="206"/>
        <source>Check &amp;in</source>
        <translation>Re&amp;gistrar llegada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="207"/>
        <source>Check in new attendee</source>
        <translation>Registrar la llegada del nuevo asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="214"/>
        <source>Someone &amp;new:</source>
        <translation>Alguien &amp;nuevo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="216"/>
        <source>R&amp;ole:</source>
        <translation>F&amp;unción:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="233"/>
        <source>&lt;h3&gt;Attendees and check-in&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Asistentes y registro de llegada&lt;/h3&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="278"/>
        <source>%n still expected: select someone who has arrived and press Space.</source>
        <translation>
            <numerusform>%n persona aún esperada: seleccione a quien haya llegado y pulse Espacio.</numerusform>
            <numerusform>%n personas aún esperadas: seleccione a quien haya llegado y pulse Espacio.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="320"/>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="362"/>
        <source>Attendee not added</source>
        <translation>No se añadió el asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="379"/>
        <source>Attendee not changed</source>
        <translation>No se cambió el asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="400"/>
        <source>%1 was in the room, so the record keeps them as having left now. Continue?</source>
        <translation>%1 estuvo en la sala, así que el registro lo conserva como que se retiró ahora. ¿Continuar?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="402"/>
        <source>Remove %1 from the list of attendees?</source>
        <translation>¿Quitar a %1 de la lista de asistentes?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/attendees_page.py" line="410"/>
        <source>Attendee not removed</source>
        <translation>No se quitó al asistente</translation>
    </message>
</context>
<context>
    <name>CaseText</name>
    <message>
        <location filename="../../src/safeconf/ui/case_text.py" line="39"/>
        <source>Copying case text is blocked; use May I share this?</source>
        <translation>Copiar texto del caso está bloqueado; use ¿Puedo compartir esto?</translation>
    </message>
</context>
<context>
    <name>CasesChooser</name>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="64"/>
        <source>Cases that may be affected</source>
        <translation>Casos que pueden estar afectados</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="67"/>
        <source>I &amp;don&apos;t know which cases</source>
        <translation>&amp;No sé qué casos</translation>
    </message>
</context>
<context>
    <name>CheckInScreen</name>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="234"/>
        <source>&lt;h2&gt;Check in with HQ&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Conéctese con HQ&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="236"/>
        <source>This laptop has not synced with HQ for more than 30 days. Your agency requires it to check in before its records can be used again. Connect to the network and choose Sync now; your records appear as soon as the sync succeeds.</source>
        <translation>Este portátil lleva más de 30 días sin sincronizar con HQ. Su agencia exige que se conecte con HQ antes de volver a usar sus registros. Conéctese a la red y elija Sincronizar ahora; sus registros aparecerán en cuanto la sincronización termine bien.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="243"/>
        <source>Syncing with HQ</source>
        <translation>Sincronizando con HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="244"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="245"/>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="261"/>
        <source>Checking in with HQ…</source>
        <translation>Conectando con HQ…</translation>
    </message>
</context>
<context>
    <name>ConcludePage</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="116"/>
        <source>(key %1)</source>
        <translation>(clave %1)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="122"/>
        <source>verified</source>
        <translation>verificado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="123"/>
        <source>not signed (taken before signing existed)</source>
        <translation>sin firma (tomado antes de que existiera la firma)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="125"/>
        <source>NOT verified: the statement SHA-256 differs from what was signed</source>
        <translation>NO verificado: el SHA-256 de la declaración no coincide con lo firmado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="127"/>
        <source>NOT verified: the signature does not match the signed fields</source>
        <translation>NO verificado: la firma no coincide con los campos firmados</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="129"/>
        <source>NOT verified: the statement SHA-256 that was signed is not that of the statement version named</source>
        <translation>NO verificado: el SHA-256 firmado no es el de la versión de la declaración indicada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="132"/>
        <source>signed on this laptop; verified once HQ certifies its key at enrollment</source>
        <translation>firmado en esta computadora; se verifica cuando la sede certifique su clave al inscribirla</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="134"/>
        <source>NOT verified: the key is not certified for any device</source>
        <translation>NO verificado: la clave no está certificada para ningún dispositivo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="136"/>
        <source>NOT verified: signed before enrollment and not in the counter-signed list</source>
        <translation>NO verificado: firmado antes de la inscripción y no figura en la lista refrendada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="44"/>
        <source>Conference summary</source>
        <translation>Resumen de la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="45"/>
        <source>&amp;Print roster…</source>
        <translation>&amp;Imprimir lista…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="46"/>
        <source>Print sign-in and acknowledgment roster</source>
        <translation>Imprimir la lista de asistencia y reconocimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="47"/>
        <source>Fi&amp;nalize conference…</source>
        <translation>&amp;Finalizar la conferencia…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="48"/>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="149"/>
        <source>Finalize conference</source>
        <translation>Finalizar la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="54"/>
        <source>&lt;h3&gt;Conclude&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Concluir&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="67"/>
        <source>Attendance</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="68"/>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="69"/>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="70"/>
        <source>Excused</source>
        <translation>Excusado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="71"/>
        <source>Excluded</source>
        <translation>Excluido/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="72"/>
        <source>Left</source>
        <translation>Salió</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="73"/>
        <source>Not checked in</source>
        <translation>Sin registrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="74"/>
        <source>Acknowledgments</source>
        <translation>Reconocimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="75"/>
        <source>Decisions</source>
        <translation>Decisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="76"/>
        <source>Notice of Privacy Practices</source>
        <translation>Aviso de Prácticas de Privacidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="89"/>
        <source>not yet</source>
        <translation>todavía no</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="94"/>
        <source>Everyone present has acknowledged confidentiality.</source>
        <translation>Todas las personas presentes han reconocido la confidencialidad.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="95"/>
        <source>Nobody is checked in.</source>
        <translation>No se ha registrado la llegada de nadie.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="96"/>
        <source>Still waiting for: %1</source>
        <translation>Todavía falta: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="143"/>
        <source>Every adult client has received the Notice.</source>
        <translation>Todos los clientes adultos recibieron el Aviso.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="144"/>
        <source>Not yet received by: %1</source>
        <translation>Aún no lo recibieron: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="150"/>
        <source>Finalize this conference? Its record becomes read-only; later corrections can only be added as dated addenda.</source>
        <translation>¿Finalizar esta conferencia? El registro quedará en solo lectura; las correcciones posteriores solo se podrán añadir como adendas fechadas.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="157"/>
        <source>Not finalized</source>
        <translation>No se finalizó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="167"/>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="180"/>
        <source>Roster not printed</source>
        <translation>Lista no impresa</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conclude_page.py" line="168"/>
        <source>The roster of this case cannot be printed without legal review.

%1</source>
        <translation>La lista de este caso no se puede imprimir sin revisión legal.

%1</translation>
    </message>
</context>
<context>
    <name>ConferenceFields</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="50"/>
        <source>&amp;Type:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="50"/>
        <source>Conference type</source>
        <translation>Tipo de conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="51"/>
        <source>&amp;Starts:</source>
        <translation>Co&amp;mienza:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="51"/>
        <source>Start date and time</source>
        <translation>Fecha y hora de inicio</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="52"/>
        <source>&amp;Location:</source>
        <translation>&amp;Lugar:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="52"/>
        <source>Location</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="53"/>
        <source>F&amp;acilitator:</source>
        <translation>&amp;Facilitador/a:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="53"/>
        <source>Facilitator</source>
        <translation>Facilitador/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="54"/>
        <source>Lan&amp;guage:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_form.py" line="54"/>
        <source>Conference language</source>
        <translation>Idioma de la conferencia</translation>
    </message>
</context>
<context>
    <name>ConferenceModel</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="27"/>
        <source>Today</source>
        <translation>Hoy</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="28"/>
        <source>Upcoming</source>
        <translation>Próximas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="29"/>
        <source>Recent</source>
        <translation>Recientes</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="31"/>
        <source>loading…</source>
        <translation>cargando…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="33"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="34"/>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="35"/>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="36"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_model.py" line="37"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>ConfidentialityPage</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="98"/>
        <source>Acknowledgments</source>
        <translation>Reconocimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="108"/>
        <source>Confidentiality statement</source>
        <translation>Declaración de confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="110"/>
        <source>&amp;Hand the laptop to the attendee…</source>
        <translation>&amp;Entregar la computadora al asistente…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="111"/>
        <source>Hand over to attendee</source>
        <translation>Entregar al asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="133"/>
        <source>&lt;h3&gt;Confidentiality&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Confidencialidad&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="233"/>
        <source>Nobody is marked present yet. Check attendees in first (step 2).</source>
        <translation>Todavía nadie está marcado como presente. Registre primero la llegada de los asistentes (paso 2).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="237"/>
        <source>Everyone present has acknowledged: notes are open (Alt+4).</source>
        <translation>Todos los presentes aceptaron: las notas están abiertas (Alt+4).</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="238"/>
        <source>%n present attendee(s) still to acknowledge.</source>
        <translation>
            <numerusform>Falta que %n asistente presente acepte.</numerusform>
            <numerusform>Falta que %n asistentes presentes acepten.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="270"/>
        <source>Statement for &lt;b&gt;%1&lt;/b&gt;, in %2 (version %3)</source>
        <translation>Declaración para &lt;b&gt;%1&lt;/b&gt;, en %2 (versión %3)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="276"/>
        <source>&lt;b&gt;%1&lt;/b&gt; has acknowledged this statement (%2, %3).</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; ya aceptó esta declaración (%2, %3).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="289"/>
        <source>Record refusal</source>
        <translation>Registrar negativa</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="290"/>
        <source>Record that %1 refuses to acknowledge? They will be marked excluded and must leave the meeting.</source>
        <translation>¿Registrar que %1 se niega a reconocerla? Quedará marcado/a como excluido/a y deberá salir de la reunión.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="298"/>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="303"/>
        <source>Not recorded</source>
        <translation>No se registró</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="313"/>
        <source>The typed name must be the attendee&apos;s own name as recorded, %1 (the given name may be an initial).</source>
        <translation>El nombre escrito debe ser el del propio asistente tal como se anotó, %1 (el nombre de pila puede ser una inicial).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="316"/>
        <source>You attest a verbal agreement as facilitator, so you cannot also be its witness. Name someone else who heard it.</source>
        <translation>Usted da fe del acuerdo verbal como facilitador, así que no puede ser también su testigo. Indique a otra persona que lo haya oído.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="318"/>
        <source>The attendee cannot witness their own agreement. Name someone else who heard it.</source>
        <translation>El asistente no puede ser testigo de su propio acuerdo. Indique a otra persona que lo haya oído.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/confidentiality_page.py" line="239"/>
        <source>Recorded.</source>
        <translation>Registrado.</translation>
    </message>
</context>
<context>
    <name>ConflictReview</name>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="83"/>
        <source>Attendee&apos;s name as shown</source>
        <translation>Nombre del asistente tal como se mostró</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="84"/>
        <source>Signing key</source>
        <translation>Clave de firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="85"/>
        <source>Digital signature</source>
        <translation>Firma digital</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="39"/>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="40"/>
        <source>Conference</source>
        <translation>Conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="41"/>
        <source>Attendee</source>
        <translation>Asistente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="42"/>
        <source>Confidentiality acknowledgment</source>
        <translation>Reconocimiento de confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="43"/>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="44"/>
        <source>Note revision</source>
        <translation>Revisión de nota</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="45"/>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="46"/>
        <source>Disclosure</source>
        <translation>Divulgación</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="47"/>
        <source>Legal request</source>
        <translation>Solicitud legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="48"/>
        <source>Legal request document</source>
        <translation>Documento de una solicitud legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="49"/>
        <source>Legal&apos;s step on a request</source>
        <translation>Paso del área legal en una solicitud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="50"/>
        <source>Loss report</source>
        <translation>Informe de pérdida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="51"/>
        <source>Breach report</source>
        <translation>Informe de infracción</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="52"/>
        <source>Permission to interview a child</source>
        <translation>Permiso para entrevistar a un menor</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="55"/>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="56"/>
        <source>Family name</source>
        <translation>Apellido de la familia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="57"/>
        <source>Assigned workers</source>
        <translation>Trabajadores asignados</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="58"/>
        <source>Status</source>
        <translation>Estado del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="59"/>
        <source>Sealed</source>
        <translation>Sellado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="60"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="61"/>
        <source>Scheduled for</source>
        <translation>Programada para</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="62"/>
        <source>Location</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="63"/>
        <source>Facilitator</source>
        <translation>Facilitador/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="64"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="65"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="66"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="67"/>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="68"/>
        <source>Age</source>
        <translation>Edad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="69"/>
        <source>Presence</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="70"/>
        <source>Arrived at</source>
        <translation>Llegó a las</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="71"/>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="72"/>
        <source>Section</source>
        <translation>Sección</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="73"/>
        <source>Text</source>
        <translation>Texto</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="74"/>
        <source>Author</source>
        <translation>Autor/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="75"/>
        <source>Addendum</source>
        <translation>Adenda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="76"/>
        <source>Revision</source>
        <translation>Revisión</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="77"/>
        <source>Method</source>
        <translation>Método</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="78"/>
        <source>Signed at</source>
        <translation>Firmado el</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="79"/>
        <source>Typed name</source>
        <translation>Nombre escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="80"/>
        <source>Attested by</source>
        <translation>Atestiguado por</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="81"/>
        <source>Witness</source>
        <translation>Testigo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="82"/>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="86"/>
        <source>Statement version</source>
        <translation>Versión de la declaración</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="87"/>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="88"/>
        <source>Signed by</source>
        <translation>Firmado por</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="89"/>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="90"/>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="91"/>
        <source>Valid from</source>
        <translation>Válido desde</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="92"/>
        <source>Valid until</source>
        <translation>Válido hasta</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="93"/>
        <source>Revoked at</source>
        <translation>Revocado el</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="94"/>
        <source>Last changed</source>
        <translation>Último cambio</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="95"/>
        <source>Left at</source>
        <translation>Salió a las</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="96"/>
        <source>Protected health information</source>
        <translation>Información de salud protegida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="97"/>
        <source>Given by</source>
        <translation>Otorgado por</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="98"/>
        <source>Name of who gave it</source>
        <translation>Nombre de quien lo otorgó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="99"/>
        <source>Scope</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="100"/>
        <source>Date given</source>
        <translation>Fecha en que se otorgó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="101"/>
        <source>Obtained</source>
        <translation>Cómo se obtuvo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="102"/>
        <source>Deleted</source>
        <translation>Eliminado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="105"/>
        <source>Changed on this laptop and at HQ</source>
        <translation>Cambiado en este portátil y en HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="106"/>
        <source>HQ sent a different copy of a record that never changes</source>
        <translation>HQ envió una copia distinta de un registro que nunca cambia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="138"/>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="139"/>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="146"/>
        <source>(a drawing)</source>
        <translation>(un dibujo)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="164"/>
        <source>%1 “%2”</source>
        <translation>%1 «%2»</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="169"/>
        <source>case %1 (%2)</source>
        <translation>caso %1 (%2)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="172"/>
        <source>%1 on %2</source>
        <translation>%1 el %2</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="182"/>
        <source>(same)</source>
        <translation>(igual)</translation>
    </message>
</context>
<context>
    <name>ConflictReviewDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="201"/>
        <source>Review conflicts</source>
        <translation>Revisar conflictos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="203"/>
        <source>These records were changed both on this laptop and at HQ, so sync kept both versions. Compare them and choose which one stays. The other version is not deleted: it stays in the conflict history.</source>
        <translation>Estos registros se cambiaron tanto en este portátil como en HQ, así que la sincronización conservó ambas versiones. Compárelas y elija cuál se queda. La otra versión no se borra: queda en el historial de conflictos.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="210"/>
        <source>Open conflicts</source>
        <translation>Conflictos abiertos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="212"/>
        <source>&amp;Open conflicts:</source>
        <translation>&amp;Conflictos abiertos:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="218"/>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="220"/>
        <source>This laptop&apos;s version</source>
        <translation>Versión de este portátil</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="219"/>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="221"/>
        <source>HQ&apos;s version</source>
        <translation>Versión de HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="232"/>
        <source>Keep this &amp;laptop&apos;s version</source>
        <translation>Conservar la versión de este &amp;portátil</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="233"/>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="351"/>
        <source>Keep this laptop&apos;s version</source>
        <translation>Conservar la versión de este portátil</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="234"/>
        <source>Keep &amp;HQ&apos;s version</source>
        <translation>Conservar la versión de &amp;HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="235"/>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="356"/>
        <source>Keep HQ&apos;s version</source>
        <translation>Conservar la versión de HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="240"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="295"/>
        <source>%n record(s) from HQ could not be used on this laptop and were kept aside, unchanged. Your other records synced normally; IT can see them with safeconf check.</source>
        <translation>
            <numerusform>%n registro de HQ no se pudo usar en este portátil y se guardó aparte, sin cambios. Sus otros registros se sincronizaron con normalidad; el equipo de informática puede verlo con safeconf check.</numerusform>
            <numerusform>%n registros de HQ no se pudieron usar en este portátil y se guardaron aparte, sin cambios. Sus otros registros se sincronizaron con normalidad; el equipo de informática puede verlos con safeconf check.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="313"/>
        <source>No conflicts left to review.</source>
        <translation>No quedan conflictos por revisar.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="320"/>
        <source>%1
%2 (found %3)</source>
        <translation>%1
%2 (detectado el %3)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="326"/>
        <source>This record is no longer on this laptop.</source>
        <translation>Este registro ya no está en este portátil.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="336"/>
        <source>This kind of record is never changed once written, so HQ&apos;s copy cannot replace it. Keep this laptop&apos;s version; HQ&apos;s copy stays in the history.</source>
        <translation>Este tipo de registro nunca cambia una vez escrito, así que la copia de HQ no puede reemplazarlo. Conserve la versión de este portátil; la copia de HQ queda en el historial.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="353"/>
        <source>Keep this laptop&apos;s version of %1?

HQ&apos;s version is not used; it stays in the conflict history.</source>
        <translation>¿Conservar la versión de este portátil de %1?

La versión de HQ no se usa; queda en el historial de conflictos.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="358"/>
        <source>Replace this laptop&apos;s version of %1 with HQ&apos;s?

HQ&apos;s version becomes the current one here and is sent to HQ at the next sync. This laptop&apos;s version stays in the conflict history.</source>
        <translation>¿Reemplazar la versión de este portátil de %1 por la de HQ?

La versión de HQ pasa a ser la actual aquí y se envía a HQ en la próxima sincronización. La versión de este portátil queda en el historial de conflictos.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="373"/>
        <source>Kept this laptop&apos;s version of %1.</source>
        <translation>Se conservó la versión de este portátil de %1.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/conflict_review.py" line="374"/>
        <source>Kept HQ&apos;s version of %1.</source>
        <translation>Se conservó la versión de HQ de %1.</translation>
    </message>
</context>
<context>
    <name>ConsentRequestForm</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="81"/>
        <source>Request consent</source>
        <translation>Solicitar consentimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="95"/>
        <source>Name of the person who signs</source>
        <translation>Nombre de la persona que firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="100"/>
        <source>Information to release or obtain</source>
        <translation>Información que se divulga u obtiene</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="103"/>
        <source>Whole re&amp;cord</source>
        <translation>&amp;Expediente completo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="104"/>
        <source>Conference su&amp;mmary</source>
        <translation>Re&amp;sumen de la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="105"/>
        <source>Chosen no&amp;tes</source>
        <translation>Notas e&amp;legidas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="106"/>
        <source>&amp;Health information</source>
        <translation>Información de sal&amp;ud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="115"/>
        <source>Other information, one item per line</source>
        <translation>Otra información, un elemento por línea</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="118"/>
        <source>One recipient per line</source>
        <translation>Un destinatario por línea</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="128"/>
        <source>The consent no longer holds from the start of this day.</source>
        <translation>El consentimiento deja de valer desde el comienzo de este día.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="136"/>
        <source>F&amp;orm:</source>
        <translation>&amp;Formulario:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="136"/>
        <source>Which release form</source>
        <translation>Qué formulario de autorización</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="137"/>
        <source>&amp;Whose information:</source>
        <translation>&amp;De quién es la información:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="137"/>
        <source>Whose information</source>
        <translation>De quién es la información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="138"/>
        <source>Signed &amp;by:</source>
        <translation>Fir&amp;mado por:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="138"/>
        <source>Who signs</source>
        <translation>Quién firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="139"/>
        <source>Signing &amp;as:</source>
        <translation>En &amp;calidad de:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="139"/>
        <source>In what capacity they sign</source>
        <translation>En qué calidad firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="145"/>
        <source>Other &amp;information:</source>
        <translation>&amp;Otra información:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="145"/>
        <source>Other information</source>
        <translation>Otra información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="146"/>
        <source>&amp;Recipients:</source>
        <translation>Desti&amp;natarios:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="146"/>
        <source>Recipients, one per line</source>
        <translation>Destinatarios, uno por línea</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="147"/>
        <source>Other &amp;party:</source>
        <translation>Otra &amp;parte:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="148"/>
        <source>Agency, person or provider released to or obtained from</source>
        <translation>Agencia, persona o proveedor al que se divulga o del que se obtiene</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="149"/>
        <source>A&amp;ddress:</source>
        <translation>D&amp;irección:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="149"/>
        <source>Other party&apos;s address</source>
        <translation>Dirección de la otra parte</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="150"/>
        <source>P&amp;urpose:</source>
        <translation>Propósi&amp;to:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="150"/>
        <source>Purpose</source>
        <translation>Propósito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="151"/>
        <source>Valid &amp;from:</source>
        <translation>&amp;Válido desde:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="151"/>
        <source>Valid from</source>
        <translation>Válido desde</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="152"/>
        <source>Valid u&amp;ntil:</source>
        <translation>Válido &amp;hasta:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="152"/>
        <source>Valid until</source>
        <translation>Válido hasta</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="153"/>
        <source>&amp;Language of the form:</source>
        <translation>Idiom&amp;a del formulario:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="153"/>
        <source>Language of the form</source>
        <translation>Idioma del formulario</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="163"/>
        <source>Record the re&amp;quest</source>
        <translation>&amp;Registrar la solicitud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="164"/>
        <source>Record the request</source>
        <translation>Registrar la solicitud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="166"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="233"/>
        <source>Not recorded: “Valid until” must be later than “Valid from”; a consent ends after it starts.</source>
        <translation>No se registró: «Válido hasta» debe ser posterior a «Válido desde»; un consentimiento termina después de empezar.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="235"/>
        <source>Not recorded: tick or write at least one item of information the consent covers.</source>
        <translation>No se registró: marque o escriba al menos un elemento de información que cubra el consentimiento.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="237"/>
        <source>Not recorded: name at least one recipient.</source>
        <translation>No se registró: indique al menos un destinatario.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="238"/>
        <source>Not recorded: choose whose information it is (add the person on the case first).</source>
        <translation>No se registró: elija de quién es la información (primero añada a la persona al caso).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consent_request_form.py" line="240"/>
        <source>Not recorded: name the person who signs.</source>
        <translation>No se registró: indique quién firma.</translation>
    </message>
</context>
<context>
    <name>ConsentsDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="122"/>
        <source>Consents — %1</source>
        <translation>Consentimientos — %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="126"/>
        <source>Consents</source>
        <translation>Consentimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="142"/>
        <source>&amp;Request consent…</source>
        <translation>&amp;Solicitar consentimiento…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="142"/>
        <source>Request consent</source>
        <translation>Solicitar consentimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="144"/>
        <source>Record &amp;signature…</source>
        <translation>Registrar &amp;firma…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="145"/>
        <source>Record signature</source>
        <translation>Registrar firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="146"/>
        <source>&amp;Import signed form…</source>
        <translation>&amp;Importar formulario firmado…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="147"/>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="284"/>
        <source>Import signed form</source>
        <translation>Importar formulario firmado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="148"/>
        <source>Record re&amp;fusal</source>
        <translation>Registrar &amp;negativa</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="148"/>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="317"/>
        <source>Record refusal</source>
        <translation>Registrar negativa</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="150"/>
        <source>Re&amp;voke…</source>
        <translation>Re&amp;vocar…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="150"/>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="328"/>
        <source>Revoke consent</source>
        <translation>Revocar consentimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="152"/>
        <source>&amp;Print form…</source>
        <translation>Im&amp;primir formulario…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="152"/>
        <source>Print form</source>
        <translation>Imprimir formulario</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="156"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="181"/>
        <source>Request consent… opens filled in with what a consent for this disclosure must name.</source>
        <translation>Solicitar consentimiento… se abre rellenado con lo que debe indicar un consentimiento para esta divulgación.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="216"/>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="217"/>
        <source>Signing as: %1</source>
        <translation>Firma en calidad de: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="218"/>
        <source>Other party: %1</source>
        <translation>Otra parte: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="220"/>
        <source>Purpose: %1</source>
        <translation>Propósito: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="221"/>
        <source>Form text: %1, version %2</source>
        <translation>Texto del formulario: %1, versión %2</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="225"/>
        <source>Scanned form: %1, SHA-256 %2</source>
        <translation>Formulario escaneado: %1, SHA-256 %2</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="228"/>
        <source>Revoked on %1</source>
        <translation>Revocado el %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="249"/>
        <source>Consent requested of %1.</source>
        <translation>Consentimiento solicitado a %1.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="261"/>
        <source>Consent recorded as given.</source>
        <translation>Consentimiento registrado como otorgado.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="274"/>
        <source>Form not imported</source>
        <translation>Formulario no importado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="277"/>
        <source>Consent recorded as given; the signed form is kept in the vault.</source>
        <translation>Consentimiento registrado como otorgado; el formulario firmado se guarda en la bóveda.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="285"/>
        <source>Scanned forms (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Formularios escaneados (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="290"/>
        <source>The file is too large: a scanned form may be at most %1 KB. Scan it again in greyscale or at a lower resolution. Nothing was stored.</source>
        <translation>El archivo es demasiado grande: un formulario escaneado puede tener como máximo %1 KB. Escanéelo de nuevo en escala de grises o con menos resolución. No se guardó nada.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="294"/>
        <source>That file is not a PDF, PNG, JPEG or TIFF scan. Nothing was stored.</source>
        <translation>Ese archivo no es un escaneo PDF, PNG, JPEG o TIFF. No se guardó nada.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="300"/>
        <source>The signed form is now kept, encrypted, in the vault (SHA-256 %1).

Delete the original file %2? It is overwritten with random bytes and then removed. Overwriting may leave copies on some disks; full-disk encryption protects them.</source>
        <translation>El formulario firmado ya se guarda, cifrado, en la bóveda (SHA-256 %1).

¿Eliminar el archivo original %2? Se sobrescribe con bytes aleatorios y después se borra. En algunos discos pueden quedar copias; el cifrado de disco completo las protege.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="305"/>
        <source>Delete the original file?</source>
        <translation>¿Eliminar el archivo original?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="310"/>
        <source>Original not deleted</source>
        <translation>Original no eliminado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="312"/>
        <source>The original file was deleted.</source>
        <translation>Se eliminó el archivo original.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="318"/>
        <source>Record that %1 refused this consent? A refused consent is final; ask for a new one if they change their mind.</source>
        <translation>¿Registrar que %1 negó este consentimiento? Una negativa es definitiva; solicite uno nuevo si cambia de opinión.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="323"/>
        <source>Refusal recorded.</source>
        <translation>Negativa registrada.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="329"/>
        <source>Revoke this consent now? From this moment it allows no disclosure. Disclosures already made under it stay recorded. This cannot be undone.</source>
        <translation>¿Revocar ahora este consentimiento? Desde este momento no permite ninguna divulgación. Las divulgaciones ya hechas con él siguen registradas. No se puede deshacer.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="334"/>
        <source>Consent revoked: it allows no further disclosure.</source>
        <translation>Consentimiento revocado: no permite más divulgaciones.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="341"/>
        <source>Print release form</source>
        <translation>Imprimir formulario de autorización</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="348"/>
        <source>Consent not changed</source>
        <translation>Consentimiento sin cambios</translation>
    </message>
</context>
<context>
    <name>ConsentsModel</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="63"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="63"/>
        <source>Form</source>
        <translation>Formulario</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="63"/>
        <source>Whose information</source>
        <translation>De quién es la información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="64"/>
        <source>Signed by</source>
        <translation>Firmado por</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="64"/>
        <source>Information</source>
        <translation>Información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="64"/>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="65"/>
        <source>Valid</source>
        <translation>Vigencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="72"/>
        <source>%1 to %2</source>
        <translation>%1 a %2</translation>
    </message>
</context>
<context>
    <name>CopyDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="145"/>
        <source>Copy with redactions</source>
        <translation>Copia con omisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="158"/>
        <source>Passages to withhold</source>
        <translation>Pasajes que se omiten</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="159"/>
        <source>&amp;Redactions (untick to keep a passage):</source>
        <translation>&amp;Omisiones (desmarque para conservar un pasaje):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="162"/>
        <source>Passage to withhold</source>
        <translation>Pasaje que se omite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="163"/>
        <source>&amp;More to withhold:</source>
        <translation>&amp;Más texto que omitir:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="165"/>
        <source>A&amp;dd</source>
        <translation>&amp;Incluir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="166"/>
        <source>Add passage</source>
        <translation>Incluir pasaje</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="168"/>
        <source>Preview of the copy</source>
        <translation>Vista previa de la copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="171"/>
        <source>Pre&amp;view (withheld text is marked):</source>
        <translation>&amp;Vista previa (el texto omitido se marca):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="173"/>
        <source>&amp;Withhold selected text</source>
        <translation>Omitir el texto &amp;seleccionado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="174"/>
        <source>Withhold selected text</source>
        <translation>Omitir el texto seleccionado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="176"/>
        <source>&amp;Print…</source>
        <translation>Im&amp;primir…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="177"/>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="178"/>
        <source>&amp;Save encrypted PDF…</source>
        <translation>&amp;Guardar PDF cifrado…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="179"/>
        <source>Save encrypted PDF</source>
        <translation>Guardar PDF cifrado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="184"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="230"/>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="230"/>
        <source>Conference</source>
        <translation>Conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="231"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="231"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="232"/>
        <source>Location</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="232"/>
        <source>Facilitator</source>
        <translation>Facilitador/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="233"/>
        <source>Attendees</source>
        <translation>Asistentes</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="233"/>
        <source>Addendum</source>
        <translation>Adenda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="234"/>
        <source>Contains protected health information</source>
        <translation>Contiene información de salud protegida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="239"/>
        <source>another child&apos;s name</source>
        <translation>nombre de otro niño/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="240"/>
        <source>another family&apos;s information</source>
        <translation>información de otra familia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="241"/>
        <source>the reporter&apos;s identity</source>
        <translation>identidad de quien hizo el reporte</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="242"/>
        <source>privileged note, always withheld</source>
        <translation>nota privilegiada, siempre se omite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="244"/>
        <source>health information the basis does not cover, always withheld</source>
        <translation>información de salud que la base no cubre, siempre se omite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="245"/>
        <source>marked by you</source>
        <translation>marcado por usted</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="246"/>
        <source>withheld by legal, always withheld</source>
        <translation>omitido por el área legal, siempre se omite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="252"/>
        <source>Whole note: %1</source>
        <translation>Nota completa: %1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="279"/>
        <source>%n passage(s) withheld.</source>
        <translation>
            <numerusform>%n pasaje omitido.</numerusform>
            <numerusform>%n pasajes omitidos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="286"/>
        <source>The selection includes text already withheld (%1). Select only text that is still shown.</source>
        <translation>La selección incluye texto ya omitido (%1). Seleccione solo texto que todavía se muestra.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="289"/>
        <source>Choose at least %1 letters or digits to withhold.</source>
        <translation>Elija al menos %1 letras o dígitos para omitir.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="291"/>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="295"/>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="310"/>
        <source>Cannot withhold this</source>
        <translation>No se puede omitir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="296"/>
        <source>That text does not occur in the copy.</source>
        <translation>Ese texto no aparece en la copia.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="311"/>
        <source>Select the text to withhold in the preview first.</source>
        <translation>Primero seleccione en la vista previa el texto que desea omitir.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="320"/>
        <source>Preparing the copy…</source>
        <translation>Preparando la copia…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="331"/>
        <source>Copy not released</source>
        <translation>La copia no salió</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="332"/>
        <source>The disclosure was not logged, so the copy did not leave.</source>
        <translation>La divulgación no se registró, así que la copia no salió.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="360"/>
        <source>Save encrypted copy</source>
        <translation>Guardar copia cifrada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="361"/>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="376"/>
        <source>Copy not saved</source>
        <translation>Copia no guardada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="377"/>
        <source>The file could not be written: %1</source>
        <translation>No se pudo escribir el archivo: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="382"/>
        <source>Copy saved</source>
        <translation>Copia guardada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="383"/>
        <source>The encrypted copy was saved.</source>
        <translation>Se guardó la copia cifrada.</translation>
    </message>
</context>
<context>
    <name>DeadlinesDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="437"/>
        <source>Deadlines of legal requests</source>
        <translation>Plazos de las solicitudes legales</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="441"/>
        <source>Open legal requests by due date</source>
        <translation>Solicitudes legales abiertas por fecha límite</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="447"/>
        <source>No open legal requests.</source>
        <translation>No hay solicitudes legales abiertas.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="448"/>
        <source>%1 open request(s), %2 overdue.</source>
        <translation>%1 solicitud(es) abierta(s), %2 vencida(s).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="451"/>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="50"/>
        <source>&lt;h3&gt;Details&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Detalles&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="58"/>
        <source>Sa&amp;ve details</source>
        <translation>&amp;Guardar detalles</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="59"/>
        <source>Save details</source>
        <translation>Guardar detalles</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="76"/>
        <source>Finalized: details can no longer change.</source>
        <translation>Finalizada: los detalles ya no se pueden cambiar.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="87"/>
        <source>Details saved.</source>
        <translation>Detalles guardados.</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="126"/>
        <source>Enroll with HQ</source>
        <translation>Registrar en HQ</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="128"/>
        <source>Enrolling connects this laptop to your agency&apos;s HQ, so the cases assigned to you arrive here and what you record here is sent to HQ safely. It is done once per laptop. HQ (your supervisor or IT) gives you a one-time enrollment code starting with “safeconf:enroll?”: paste it below, or the text read from its QR code.</source>
        <translation>El registro conecta este portátil con la sede (HQ) de su agencia: los casos que tiene asignados llegan aquí y lo que registra aquí se envía a HQ de forma segura. Se hace una sola vez por portátil. HQ (su supervisor o el servicio de TI) le da un código de registro de un solo uso que empieza por «safeconf:enroll?»: péguelo abajo, o el texto leído de su código QR.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="133"/>
        <source>HQ no longer accepts this laptop&apos;s certificate (it expired, or HQ withdrew it). Ask HQ for a new one-time enrollment code and paste it below: this laptop proves it is the same one, keeps everything recorded here, and sends what was not sent yet at the next sync.</source>
        <translation>HQ ya no acepta el certificado de este portátil (venció, o HQ lo retiró). Pida a HQ un código de registro nuevo de un solo uso y péguelo abajo: este portátil demuestra que es el mismo, conserva todo lo registrado aquí y envía lo que falta en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="139"/>
        <source>Enrollment code</source>
        <translation>Código de registro</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="143"/>
        <source>Enrollment &amp;code:</source>
        <translation>&amp;Código de registro:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="145"/>
        <source>Enrolling</source>
        <translation>Registrando</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="149"/>
        <source>&amp;Enroll</source>
        <translation>&amp;Registrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="150"/>
        <source>Enroll</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="155"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="186"/>
        <source>Contacting HQ…</source>
        <translation>Contactando con HQ…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="194"/>
        <source>This laptop is now enrolled with HQ for worker %1. Your cases will arrive at the next sync.</source>
        <translation>Este portátil ya está registrado en HQ para el trabajador %1. Sus casos llegarán en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="196"/>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="197"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="203"/>
        <source>Not enrolled: %1</source>
        <translation>No registrado: %1</translation>
    </message>
</context>
<context>
    <name>FailClosed</name>
    <message>
        <location filename="../../src/safeconf/ui/lock/fail_closed.py" line="182"/>
        <source>&lt;b&gt;Something went wrong, so safeconf locked itself to protect the records.&lt;/b&gt; Everything saved is safe. Unlock to continue; if this keeps happening, tell IT.</source>
        <translation>&lt;b&gt;Algo salió mal, así que safeconf se bloqueó para proteger los registros.&lt;/b&gt; Todo lo guardado está a salvo. Desbloquéelo para continuar; si vuelve a pasar, avise al equipo de TI.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/fail_closed.py" line="187"/>
        <source>&lt;b&gt;Something went wrong, so safeconf started this screen again.&lt;/b&gt; No vault was created yet: choose a passphrase to create it. If this keeps happening, tell IT.</source>
        <translation>&lt;b&gt;Algo salió mal, así que safeconf volvió a abrir esta pantalla.&lt;/b&gt; Todavía no se creó ninguna bóveda: elija una frase de contraseña para crearla. Si vuelve a pasar, avise al equipo de TI.</translation>
    </message>
</context>
<context>
    <name>FirstRunScreen</name>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="98"/>
        <source>&lt;h2&gt;Welcome to safeconf&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Bienvenido/a a safeconf&lt;/h2&gt;</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="101"/>
        <source>Your conference records are kept in an encrypted vault on this laptop. Choose a passphrase to lock it: at least %n characters, rated Fair or Strong below. A few unrelated words are easy to remember and hard to guess.</source>
        <translation>
            <numerusform>Sus registros de conferencias se guardan en una bóveda cifrada en esta computadora. Elija una frase de contraseña para bloquearla: al menos %n carácter, con nivel Aceptable o Sólida abajo. Unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.</numerusform>
            <numerusform>Sus registros de conferencias se guardan en una bóveda cifrada en esta computadora. Elija una frase de contraseña para bloquearla: al menos %n caracteres, con nivel Aceptable o Sólida abajo. Unas cuantas palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="111"/>
        <source>&lt;b&gt;If you forget the passphrase&lt;/b&gt;, nobody else can open the vault on this laptop. Once the laptop is enrolled with HQ, IT can give you a recovery code to set a new one; until then, a forgotten passphrase loses the records.</source>
        <translation>&lt;b&gt;Si olvida la frase de contraseña&lt;/b&gt;, nadie más podrá abrir la bóveda de este portátil. Cuando este portátil esté registrado en HQ, el equipo de TI le puede dar un código de recuperación para elegir una nueva; hasta entonces, olvidar la frase de contraseña hace perder los registros.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="120"/>
        <source>New passphrase</source>
        <translation>Nueva frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="122"/>
        <source>Repeat passphrase</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="126"/>
        <source>Passphrase strength</source>
        <translation>Solidez de la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="128"/>
        <source>&amp;Create vault</source>
        <translation>&amp;Crear bóveda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="129"/>
        <source>Create vault</source>
        <translation>Crear bóveda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="133"/>
        <source>Creating the vault</source>
        <translation>Creando la bóveda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="136"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="138"/>
        <source>&amp;Repeat:</source>
        <translation>&amp;Repetir:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="142"/>
        <source>Strength:</source>
        <translation>Solidez:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="170"/>
        <source>Too short</source>
        <translation>Demasiado corta</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="171"/>
        <source>Weak: add another word</source>
        <translation>Débil: añada otra palabra</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="172"/>
        <source>Fair</source>
        <translation>Aceptable</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="173"/>
        <source>Strong</source>
        <translation>Sólida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="177"/>
        <source>the two passphrases differ</source>
        <translation>las dos frases no coinciden</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="64"/>
        <source>Facilitator passphrase</source>
        <translation>Frase de contraseña del facilitador</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="65"/>
        <source>Return to facilitator</source>
        <translation>Devolver al facilitador</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="66"/>
        <source>Checking the passphrase</source>
        <translation>Comprobando la frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/handover.py" line="67"/>
        <source>Wrong passphrase.</source>
        <translation>Frase de contraseña incorrecta.</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="238"/>
        <source>Disclosure history — {number}</source>
        <translation>Historial de divulgaciones — {number}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="245"/>
        <source>Show</source>
        <translation>Mostrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="246"/>
        <source>Sho&amp;w:</source>
        <translation>&amp;Mostrar:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="253"/>
        <source>Disclosure history</source>
        <translation>Historial de divulgaciones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="263"/>
        <source>Entry details</source>
        <translation>Detalles de la entrada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="265"/>
        <source>Entry &amp;details:</source>
        <translation>&amp;Detalles de la entrada:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="268"/>
        <source>&amp;Export…</source>
        <translation>&amp;Exportar…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="269"/>
        <source>Export the history</source>
        <translation>Exportar el historial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="274"/>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="276"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="320"/>
        <source>%n entry(ies)</source>
        <translation>
            <numerusform>%n entrada</numerusform>
            <numerusform>%n entradas</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="321"/>
        <source>Nothing of this kind in the case&apos;s history.</source>
        <translation>No hay nada de este tipo en el historial del caso.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="340"/>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="358"/>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="366"/>
        <source>History not exported</source>
        <translation>Historial no exportado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="343"/>
        <source>Disclosure history of case {number}</source>
        <translation>Historial de divulgaciones del caso {number}</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="204"/>
        <source>When</source>
        <translation>Cuándo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="204"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="204"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="63"/>
        <source>Disclosure made</source>
        <translation>Divulgación hecha</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="64"/>
        <source>Consent requested</source>
        <translation>Consentimiento solicitado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="65"/>
        <source>Consent given</source>
        <translation>Consentimiento otorgado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="66"/>
        <source>Consent refused</source>
        <translation>Consentimiento negado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="67"/>
        <source>Consent revoked</source>
        <translation>Consentimiento revocado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="68"/>
        <source>Consent expired</source>
        <translation>Consentimiento vencido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="69"/>
        <source>Legal review requested</source>
        <translation>Revisión legal solicitada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="70"/>
        <source>Legal review answered</source>
        <translation>Revisión legal respondida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="72"/>
        <source>Confidentiality acknowledged</source>
        <translation>Confidencialidad aceptada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="73"/>
        <source>Confidentiality statement refused</source>
        <translation>Declaración de confidencialidad rechazada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="75"/>
        <source>Privacy notice answered</source>
        <translation>Aviso de privacidad respondido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="78"/>
        <source>All</source>
        <translation>Todo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="79"/>
        <source>Disclosures</source>
        <translation>Divulgaciones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="80"/>
        <source>Consents</source>
        <translation>Consentimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="81"/>
        <source>Legal review</source>
        <translation>Revisión legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="82"/>
        <source>Acknowledgments</source>
        <translation>Aceptaciones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="87"/>
        <source>{what} ({information}), {mode}, {extent}</source>
        <translation>{what} ({information}), {mode}, {extent}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="88"/>
        <source>To {name} ({recipient}), by {worker}</source>
        <translation>A {name} ({recipient}), por {worker}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="89"/>
        <source>Basis: the policy: &quot;{text}&quot;</source>
        <translation>Base: la política: &quot;{text}&quot;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="90"/>
        <source>Basis: policy line {key}</source>
        <translation>Base: línea de la política {key}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="91"/>
        <source>Basis: consent {consent}, given by {signer}</source>
        <translation>Base: consentimiento {consent}, otorgado por {signer}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="92"/>
        <source>Basis: consent {consent}</source>
        <translation>Base: consentimiento {consent}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="93"/>
        <source>Basis: released by legal on request {review}</source>
        <translation>Base: divulgado por el área legal en la solicitud {review}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="94"/>
        <source>Health information purpose: {purpose}</source>
        <translation>Propósito de la información de salud: {purpose}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="95"/>
        <source>Copy SHA-256 {digest}…, {count} passage(s) redacted</source>
        <translation>Copia SHA-256 {digest}…, {count} pasaje(s) omitido(s)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="96"/>
        <source>{form} about {client}, signed by {signer} ({capacity})</source>
        <translation>{form} sobre {client}, firmado por {signer} ({capacity})</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="97"/>
        <source>Information: {items}</source>
        <translation>Información: {items}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="98"/>
        <source>Recipients: {names}</source>
        <translation>Destinatarios: {names}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="99"/>
        <source>Valid {start} to {end}</source>
        <translation>Vigente del {start} al {end}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="100"/>
        <source>Requested by {worker}</source>
        <translation>Solicitado por {worker}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="101"/>
        <source>No disclosure on this consent from now on</source>
        <translation>Desde ahora, ninguna divulgación con este consentimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="102"/>
        <source>To {name} ({recipient}), asked by {worker}</source>
        <translation>A {name} ({recipient}), solicitado por {worker}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="103"/>
        <source>Question: {question}</source>
        <translation>Pregunta: {question}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="104"/>
        <source>Proposed redactions: {passages}</source>
        <translation>Omisiones propuestas: {passages}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="105"/>
        <source>No redactions proposed</source>
        <translation>Sin omisiones propuestas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="106"/>
        <source>{answer}, by {lawyer}, on request {review}</source>
        <translation>{answer}, por {lawyer}, en la solicitud {review}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="107"/>
        <source>Advice: {advice}</source>
        <translation>Consejo: {advice}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="108"/>
        <source>Further redactions: {passages}</source>
        <translation>Más omisiones: {passages}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="109"/>
        <source>{name}, in the {conference} of {day}</source>
        <translation>{name}, en la {conference} del {day}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="110"/>
        <source>{method}, statement version {version} ({language})</source>
        <translation>{method}, declaración versión {version} ({language})</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="111"/>
        <source>Notice of Privacy Practices {response}, version {version} ({language})</source>
        <translation>Aviso de Prácticas de Privacidad {response}, versión {version} ({language})</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="114"/>
        <source>An attendee no longer listed, in the {conference} of {day}</source>
        <translation>Un asistente que ya no figura, en la {conference} del {day}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="117"/>
        <source>whole record</source>
        <translation>expediente completo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="118"/>
        <source>conference summary</source>
        <translation>resumen de la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="119"/>
        <source>chosen notes</source>
        <translation>notas elegidas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="120"/>
        <source>health information</source>
        <translation>información de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="121"/>
        <source>legal advice</source>
        <translation>asesoría legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="122"/>
        <source>oral summary</source>
        <translation>resumen oral</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="123"/>
        <source>review</source>
        <translation>revisión</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="124"/>
        <source>copy</source>
        <translation>copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="125"/>
        <source>whole</source>
        <translation>completo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="126"/>
        <source>part</source>
        <translation>parte</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="127"/>
        <source>client</source>
        <translation>cliente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="128"/>
        <source>parent or guardian</source>
        <translation>padre, madre o tutor</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="129"/>
        <source>attorney or representative</source>
        <translation>abogado/a o representante</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="131"/>
        <source>agency staff</source>
        <translation>personal de la agencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="132"/>
        <source>assistant attorney general</source>
        <translation>fiscal general adjunto</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="134"/>
        <source>court hearing this case</source>
        <translation>tribunal que ve este caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="135"/>
        <source>third party with release</source>
        <translation>tercero con autorización</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="137"/>
        <source>other third party</source>
        <translation>otro tercero</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="138"/>
        <source>treatment</source>
        <translation>tratamiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="139"/>
        <source>payment</source>
        <translation>pago</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="140"/>
        <source>health care operations</source>
        <translation>operaciones de atención de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="142"/>
        <source>health oversight</source>
        <translation>supervisión de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="143"/>
        <source>judicial or administrative proceeding</source>
        <translation>procedimiento judicial o administrativo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="145"/>
        <source>placement or adoption recruitment</source>
        <translation>colocación o reclutamiento para adopción</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="147"/>
        <source>abuse or neglect</source>
        <translation>abuso o negligencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="148"/>
        <source>medical research</source>
        <translation>investigación médica</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="149"/>
        <source>law enforcement</source>
        <translation>cumplimiento de la ley</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="150"/>
        <source>adjudicated youth</source>
        <translation>jóvenes con adjudicación judicial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="151"/>
        <source>public health</source>
        <translation>salud pública</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="152"/>
        <source>notify family of location and condition</source>
        <translation>avisar a la familia del paradero y estado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="154"/>
        <source>self</source>
        <translation>la propia persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="155"/>
        <source>parent</source>
        <translation>padre o madre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="156"/>
        <source>legal guardian</source>
        <translation>tutor legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="157"/>
        <source>attorney</source>
        <translation>abogado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="158"/>
        <source>authorized representative</source>
        <translation>representante autorizado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="160"/>
        <source>Obtain form</source>
        <translation>Formulario para obtener</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="161"/>
        <source>Release form</source>
        <translation>Formulario para divulgar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="162"/>
        <source>Advice</source>
        <translation>Consejo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="163"/>
        <source>Release with redactions</source>
        <translation>Divulgar con omisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="165"/>
        <source>Refused</source>
        <translation>Negado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="166"/>
        <source>drawn signature</source>
        <translation>firma dibujada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="167"/>
        <source>typed name</source>
        <translation>nombre escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="168"/>
        <source>verbal</source>
        <translation>verbal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="169"/>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="171"/>
        <source>refused</source>
        <translation>rechazó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="170"/>
        <source>received</source>
        <translation>recibido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="172"/>
        <source>child safety conference</source>
        <translation>conferencia de seguridad infantil</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="174"/>
        <source>team decision meeting</source>
        <translation>reunión de decisión en equipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/history_view.py" line="175"/>
        <source>child and family team</source>
        <translation>equipo del niño y la familia</translation>
    </message>
</context>
<context>
    <name>HomeView</name>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="88"/>
        <source>New &amp;case…</source>
        <translation>Nuevo &amp;caso…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="89"/>
        <source>New case</source>
        <translation>Nuevo caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="90"/>
        <source>New c&amp;onference…</source>
        <translation>Nueva c&amp;onferencia…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="91"/>
        <source>New conference</source>
        <translation>Nueva conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="93"/>
        <source>Search notes and names (Ctrl+F)</source>
        <translation>Buscar en notas y nombres (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="94"/>
        <source>Search notes and names</source>
        <translation>Buscar en notas y nombres</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="96"/>
        <source>&amp;Search:</source>
        <translation>&amp;Buscar:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="99"/>
        <source>Disclosure &amp;history…</source>
        <translation>&amp;Historial de divulgaciones…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="100"/>
        <source>Disclosure history of the case</source>
        <translation>Historial de divulgaciones del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="107"/>
        <source>Conferences</source>
        <translation>Conferencias</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="126"/>
        <source>Search results</source>
        <translation>Resultados de la búsqueda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="137"/>
        <source>&amp;People on the case…</source>
        <translation>&amp;Personas del caso…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="138"/>
        <source>People on the case</source>
        <translation>Personas del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="139"/>
        <source>Conse&amp;nts…</source>
        <translation>Co&amp;nsentimientos…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="140"/>
        <source>Consents</source>
        <translation>Consentimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="149"/>
        <source>Le&amp;gal requests…</source>
        <translation>Solicitudes le&amp;gales…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="150"/>
        <source>Legal requests of the case</source>
        <translation>Solicitudes legales del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="152"/>
        <source>&amp;Deadlines…</source>
        <translation>Pla&amp;zos…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="153"/>
        <source>Deadlines of legal requests</source>
        <translation>Plazos de las solicitudes legales</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="206"/>
        <source>May I share this?…</source>
        <translation>¿Puedo compartir esto?…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/home.py" line="282"/>
        <source>%n match(es).</source>
        <translation>
            <numerusform>%n coincidencia.</numerusform>
            <numerusform>%n coincidencias.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="282"/>
        <source>No matches.</source>
        <translation>Sin resultados.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="293"/>
        <source>Case not created</source>
        <translation>No se creó el caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="296"/>
        <source>Case created</source>
        <translation>Caso creado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="296"/>
        <source>Schedule a conference for this case now?</source>
        <translation>¿Programar ahora una conferencia para este caso?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="305"/>
        <source>No cases yet</source>
        <translation>Todavía no hay casos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="305"/>
        <source>Create a case first (New case).</source>
        <translation>Cree primero un caso (Nuevo caso).</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="314"/>
        <source>Conference not created</source>
        <translation>No se creó la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="336"/>
        <source>No case chosen</source>
        <translation>No se eligió un caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="337"/>
        <source>Choose a conference (or a search result) of the case first.</source>
        <translation>Elija primero una conferencia (o un resultado de búsqueda) del caso.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="380"/>
        <source>History not shown</source>
        <translation>Historial no mostrado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="389"/>
        <source>May I share this?</source>
        <translation>¿Puedo compartir esto?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="390"/>
        <source>Select a conference of the case in the list first.</source>
        <translation>Primero seleccione en la lista una conferencia del caso.</translation>
    </message>
</context>
<context>
    <name>InterviewPermissionDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="32"/>
        <source>Permission to interview a child</source>
        <translation>Permiso para entrevistar a un menor</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="45"/>
        <source>What the interview may cover</source>
        <translation>Lo que puede abarcar la entrevista</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="53"/>
        <source>&amp;Youth:</source>
        <translation>&amp;Joven:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="54"/>
        <source>&amp;Given by:</source>
        <translation>&amp;Otorgado por:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="55"/>
        <source>&amp;Name of who gave it:</source>
        <translation>&amp;Nombre de quien lo otorgó:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="56"/>
        <source>&amp;Scope:</source>
        <translation>&amp;Alcance:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="57"/>
        <source>&amp;Date given:</source>
        <translation>&amp;Fecha en que se otorgó:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/interview_permission.py" line="58"/>
        <source>&amp;Obtained:</source>
        <translation>&amp;Cómo se obtuvo:</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="26"/>
        <source>Scheduled</source>
        <translation>Programada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="27"/>
        <source>Checking in</source>
        <translation>Registro de llegada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="28"/>
        <source>In session</source>
        <translation>En sesión</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="29"/>
        <source>Concluded</source>
        <translation>Concluida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="30"/>
        <source>Finalized</source>
        <translation>Finalizada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="31"/>
        <source>Child Safety Conference</source>
        <translation>Conferencia de Seguridad Infantil</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="32"/>
        <source>Team Decision Meeting</source>
        <translation>Reunión de Decisión en Equipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="33"/>
        <source>Child and Family Team</source>
        <translation>Equipo del Niño y la Familia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="34"/>
        <source>Parent</source>
        <translation>Madre o padre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="35"/>
        <source>Legal guardian</source>
        <translation>Tutor/a legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="36"/>
        <source>Youth</source>
        <translation>Joven</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="37"/>
        <source>Relative</source>
        <translation>Familiar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="38"/>
        <source>Caregiver</source>
        <translation>Cuidador/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="39"/>
        <source>Caseworker</source>
        <translation>Trabajador/a social</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="40"/>
        <source>Facilitator</source>
        <translation>Facilitador/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="41"/>
        <source>Supervisor</source>
        <translation>Supervisor/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="42"/>
        <source>Attorney</source>
        <translation>Abogado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="43"/>
        <source>Service provider</source>
        <translation>Proveedor/a de servicios</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="44"/>
        <source>Interpreter</source>
        <translation>Intérprete</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="45"/>
        <source>Other</source>
        <translation>Otro</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="46"/>
        <source>Under 6</source>
        <translation>Menor de 6</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="47"/>
        <source>6 to 11</source>
        <translation>De 6 a 11</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="48"/>
        <source>12 to 14</source>
        <translation>De 12 a 14</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="49"/>
        <source>15 to 17</source>
        <translation>De 15 a 17</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="50"/>
        <source>Expected</source>
        <translation>Esperado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="51"/>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="52"/>
        <source>Absent</source>
        <translation>Ausente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="53"/>
        <source>Excused</source>
        <translation>Excusado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="54"/>
        <source>Excluded</source>
        <translation>Excluido/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="55"/>
        <source>Left</source>
        <translation>Salió</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="56"/>
        <source>English</source>
        <translation>Inglés</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="57"/>
        <source>Spanish</source>
        <translation>Español</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="58"/>
        <source>Drawn signature</source>
        <translation>Firma dibujada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="59"/>
        <source>Typed name</source>
        <translation>Nombre escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="60"/>
        <source>Verbal, attested</source>
        <translation>Verbal, certificado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="61"/>
        <source>Refused</source>
        <translation>Se negó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="62"/>
        <source>A parent</source>
        <translation>Un padre o una madre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="63"/>
        <source>A legal guardian</source>
        <translation>Un tutor legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="64"/>
        <source>A court order</source>
        <translation>Una orden judicial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="65"/>
        <source>The youth (where the law allows)</source>
        <translation>El propio joven (donde la ley lo permite)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="66"/>
        <source>In person</source>
        <translation>En persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="67"/>
        <source>In writing</source>
        <translation>Por escrito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="68"/>
        <source>By phone</source>
        <translation>Por teléfono</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="69"/>
        <source>Court order document</source>
        <translation>Documento de la orden judicial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="70"/>
        <source>Concerns</source>
        <translation>Preocupaciones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="71"/>
        <source>Strengths</source>
        <translation>Fortalezas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="72"/>
        <source>Safety plan</source>
        <translation>Plan de seguridad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="73"/>
        <source>Decisions</source>
        <translation>Decisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="74"/>
        <source>Next steps</source>
        <translation>Próximos pasos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/labels.py" line="75"/>
        <source>General</source>
        <translation>General</translation>
    </message>
</context>
<context>
    <name>LegalRequestsDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="164"/>
        <source>Legal requests</source>
        <translation>Solicitudes legales</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="171"/>
        <source>Legal requests of the case</source>
        <translation>Solicitudes legales del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="174"/>
        <source>The chosen request, legal&apos;s answer and what was released</source>
        <translation>La solicitud elegida, la respuesta del área legal y lo que se divulgó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="178"/>
        <source>&amp;Log a request…</source>
        <translation>&amp;Registrar una solicitud…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="179"/>
        <source>Log a legal request</source>
        <translation>Registrar una solicitud legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="183"/>
        <source>&amp;Close</source>
        <translation>&amp;Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="218"/>
        <source>Status: %1</source>
        <translation>Estado: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="219"/>
        <source>From: %1, %2</source>
        <translation>De: %1, %2</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="221"/>
        <source>Received %1; %2 business days; due %3</source>
        <translation>Recibida el %1; %2 días hábiles; vence el %3</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="224"/>
        <source>Asked:</source>
        <translation>Lo que se pide:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="225"/>
        <source>Documents: %1</source>
        <translation>Documentos: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="226"/>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="229"/>
        <source>Legal&apos;s steps:</source>
        <translation>Pasos del área legal:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="236"/>
        <source>What was released (with its redactions):</source>
        <translation>Lo que se divulgó (con sus omisiones):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="241"/>
        <source>Attach documents</source>
        <translation>Adjuntar documentos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="242"/>
        <source>Scanned documents (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Documentos escaneados (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="254"/>
        <source>Request not logged</source>
        <translation>Solicitud no registrada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="258"/>
        <source>Request logged; it goes to legal at the next sync.</source>
        <translation>Solicitud registrada; va al área legal en la próxima sincronización.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="265"/>
        <source>The document is now kept, encrypted, in the vault.

Delete the original file %1? It is overwritten with random bytes and then removed. Overwriting may leave copies on some disks; full-disk encryption protects them.</source>
        <translation>El documento ya se guarda, cifrado, en la bóveda.

¿Eliminar el archivo original %1? Se sobrescribe con bytes aleatorios y después se borra. En algunos discos pueden quedar copias; el cifrado de disco completo las protege.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="269"/>
        <source>Delete the original file?</source>
        <translation>¿Eliminar el archivo original?</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="274"/>
        <source>Original not deleted</source>
        <translation>Original no eliminado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="276"/>
        <source>The original file was deleted.</source>
        <translation>Se eliminó el archivo original.</translation>
    </message>
</context>
<context>
    <name>LegalReview</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="45"/>
        <source>the whole case record</source>
        <translation>el expediente completo del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="46"/>
        <source>a conference summary</source>
        <translation>un resumen de la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="47"/>
        <source>chosen notes</source>
        <translation>notas elegidas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="48"/>
        <source>health information</source>
        <translation>información de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="49"/>
        <source>privileged legal advice</source>
        <translation>asesoría legal privilegiada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="50"/>
        <source>told as an oral summary</source>
        <translation>contado como resumen oral</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="51"/>
        <source>shown for review</source>
        <translation>mostrado para revisión</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="52"/>
        <source>given as a copy</source>
        <translation>entregado como copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="53"/>
        <source>in whole</source>
        <translation>completo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="54"/>
        <source>in part</source>
        <translation>en parte</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="55"/>
        <source>the client</source>
        <translation>el cliente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="56"/>
        <source>parent or guardian</source>
        <translation>padre, madre o tutor</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="57"/>
        <source>attorney or authorized representative</source>
        <translation>abogado/a o representante autorizado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="59"/>
        <source>agency staff</source>
        <translation>personal de la agencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="60"/>
        <source>Assistant Attorney General</source>
        <translation>Fiscal General Adjunto</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="62"/>
        <source>the court hearing this case</source>
        <translation>el tribunal que ve este caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="64"/>
        <source>a third party with a release</source>
        <translation>un tercero con autorización</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="66"/>
        <source>another third party</source>
        <translation>otro tercero</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="67"/>
        <source>treatment</source>
        <translation>tratamiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="68"/>
        <source>payment</source>
        <translation>pago</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="69"/>
        <source>health-care operations</source>
        <translation>operaciones de atención de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="71"/>
        <source>health oversight</source>
        <translation>supervisión de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="72"/>
        <source>a judicial or administrative proceeding</source>
        <translation>un procedimiento judicial o administrativo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="74"/>
        <source>placement or adoption recruitment</source>
        <translation>colocación o reclutamiento para adopción</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="76"/>
        <source>abuse or neglect and its proceedings</source>
        <translation>abuso o negligencia y sus procedimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="78"/>
        <source>medical research</source>
        <translation>investigación médica</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="79"/>
        <source>law enforcement</source>
        <translation>cumplimiento de la ley</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="80"/>
        <source>adjudicated youth</source>
        <translation>jóvenes con adjudicación judicial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="81"/>
        <source>public health</source>
        <translation>salud pública</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="82"/>
        <source>telling family of a person&apos;s location and condition</source>
        <translation>avisar a la familia del paradero y estado de una persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="84"/>
        <source>Waiting for legal — not yet sent (next sync)</source>
        <translation>Esperando al área legal — aún no enviado (próxima sincronización)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="86"/>
        <source>Waiting for legal — sent to HQ</source>
        <translation>Esperando al área legal — enviado a la sede</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="87"/>
        <source>Legal advised</source>
        <translation>El área legal aconsejó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="88"/>
        <source>Legal released it with redactions</source>
        <translation>El área legal lo divulgó con omisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="90"/>
        <source>Legal refused</source>
        <translation>El área legal lo negó</translation>
    </message>
</context>
<context>
    <name>LegalReviewsDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="387"/>
        <source>Legal reviews</source>
        <translation>Revisiones legales</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="396"/>
        <source>Carry out legal&apos;s &amp;release…</source>
        <translation>Ejecutar la &amp;divulgación del área legal…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="397"/>
        <source>Carry out legal&apos;s release</source>
        <translation>Ejecutar la divulgación del área legal</translation>
    </message>
</context>
<context>
    <name>LegalReviewsPanel</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="294"/>
        <source>&amp;Legal review requests</source>
        <translation>&amp;Solicitudes de revisión legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="296"/>
        <source>Legal review requests</source>
        <translation>Solicitudes de revisión legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="301"/>
        <source>Request and answer</source>
        <translation>Solicitud y respuesta</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="302"/>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;zar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="341"/>
        <source>No questions to legal for this case.</source>
        <translation>No hay consultas al área legal en este caso.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="351"/>
        <source>{status} — {what}, to {name} (asked {when})</source>
        <translation>{status} — {what}, a {name} (consultado {when})</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="362"/>
        <source>Asked {0} by {1}.</source>
        <translation>Consultado {0} por {1}.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="364"/>
        <source>Question</source>
        <translation>Pregunta</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="368"/>
        <source>Proposed redactions</source>
        <translation>Omisiones propuestas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="370"/>
        <source>{0}, {1}</source>
        <translation>{0}, {1}</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="371"/>
        <source>Legal’s advice</source>
        <translation>Consejo del área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="374"/>
        <source>Also withhold</source>
        <translation>Omitir también</translation>
    </message>
</context>
<context>
    <name>LockScreens</name>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="77"/>
        <source>&lt;b&gt;Warning: no system keyring.&lt;/b&gt; This vault will be protected by the passphrase alone. On a laptop, log in to a desktop session with a keyring (GNOME Keyring, KWallet, Windows Credential Locker or macOS Keychain) before you create or open the vault.</source>
        <translation>&lt;b&gt;Atención: no hay llavero del sistema.&lt;/b&gt; Esta bóveda estará protegida solo por la frase de contraseña. En una computadora portátil, inicie una sesión de escritorio con llavero (GNOME Keyring, KWallet, Administrador de credenciales de Windows o Llavero de macOS) antes de crear o abrir la bóveda.</translation>
    </message>
</context>
<context>
    <name>LogRequestForm</name>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="287"/>
        <source>Log a legal request</source>
        <translation>Registrar una solicitud legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="299"/>
        <source>Court</source>
        <translation>Tribunal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="300"/>
        <source>Agency or department</source>
        <translation>Agencia o departamento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="301"/>
        <source>Attorney</source>
        <translation>Abogado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="302"/>
        <source>Law enforcement</source>
        <translation>Fuerzas del orden</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="303"/>
        <source>A person</source>
        <translation>Una persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="316"/>
        <source>(not a health-information request)</source>
        <translation>(no es una solicitud de información de salud)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="320"/>
        <source>A&amp;ttach documents…</source>
        <translation>Ad&amp;juntar documentos…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="321"/>
        <source>Attach documents</source>
        <translation>Adjuntar documentos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="322"/>
        <source>Re&amp;move document</source>
        <translation>&amp;Quitar documento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="323"/>
        <source>Remove the chosen document</source>
        <translation>Quitar el documento elegido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="325"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="326"/>
        <source>&amp;Who asks:</source>
        <translation>Quién &amp;pide:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="327"/>
        <source>Court or a&amp;gency:</source>
        <translation>Tribunal o a&amp;gencia:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="328"/>
        <source>&amp;Body is a:</source>
        <translation>Tipo de &amp;entidad:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="329"/>
        <source>What is ask&amp;ed:</source>
        <translation>Qué se pi&amp;de:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="330"/>
        <source>&amp;Received on:</source>
        <translation>&amp;Recibida el:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="331"/>
        <source>&amp;Deadline (business days):</source>
        <translation>P&amp;lazo (días hábiles):</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="332"/>
        <source>&amp;Health purpose:</source>
        <translation>Propósito de &amp;salud:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="333"/>
        <source>Doc&amp;uments:</source>
        <translation>Doc&amp;umentos:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="338"/>
        <source>Due:</source>
        <translation>Vence:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="347"/>
        <source>L&amp;og request</source>
        <translation>Registrar s&amp;olicitud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="348"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="372"/>
        <source>%1 (weekends and the agency&apos;s holidays not counted)</source>
        <translation>%1 (sin contar fines de semana ni feriados de la agencia)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="386"/>
        <source>Document not attached</source>
        <translation>Documento no adjuntado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="405"/>
        <source>%1 is too large: a document may be at most %2 KB. Scan it again in greyscale or at a lower resolution.</source>
        <translation>%1 es demasiado grande: un documento puede tener como máximo %2 KB. Escanéelo de nuevo en escala de grises o con menos resolución.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="409"/>
        <source>%1 is not a PDF, PNG, JPEG or TIFF file.</source>
        <translation>%1 no es un archivo PDF, PNG, JPEG o TIFF.</translation>
    </message>
</context>
<context>
    <name>MainView</name>
    <message>
        <location filename="../../src/safeconf/ui/main_view.py" line="36"/>
        <source>Conference not opened</source>
        <translation>No se abrió la conferencia</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../src/safeconf/ui/messages.py" line="20"/>
        <source>That passphrase is not right for this vault. Nothing was changed.</source>
        <translation>Esa frase de contraseña no es la de esta bóveda. No se cambió nada.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/messages.py" line="22"/>
        <source>Too many wrong passphrases. Try again in %n second(s).</source>
        <translation>
            <numerusform>Demasiadas frases de contraseña incorrectas. Vuelva a intentarlo en %n segundo.</numerusform>
            <numerusform>Demasiadas frases de contraseña incorrectas. Vuelva a intentarlo en %n segundos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/messages.py" line="25"/>
        <source>That passphrase is too weak. Choose one of at least %n characters that the meter rates Fair or Strong: three or four unrelated words are easy to remember and hard to guess. Nothing was changed.</source>
        <translation>
            <numerusform>Esa frase de contraseña es demasiado débil. Elija una de al menos %n carácter que el medidor califique como Aceptable o Sólida: tres o cuatro palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar. No se cambió nada.</numerusform>
            <numerusform>Esa frase de contraseña es demasiado débil. Elija una de al menos %n caracteres que el medidor califique como Aceptable o Sólida: tres o cuatro palabras sin relación entre sí son fáciles de recordar y difíciles de adivinar. No se cambió nada.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/messages.py" line="30"/>
        <source>The vault is locked. Unlock it to continue.</source>
        <translation>La bóveda está bloqueada. Desbloquéela para continuar.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/messages.py" line="32"/>
        <source>This vault was written by a newer version of safeconf. Update safeconf; the vault was not changed.</source>
        <translation>Esta bóveda la escribió una versión más nueva de safeconf. Actualice safeconf; la bóveda no se cambió.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/messages.py" line="35"/>
        <source>Not saved: notes are paused until everyone present has acknowledged confidentiality.</source>
        <translation>No se guardó: las notas están en pausa hasta que todas las personas presentes reconozcan la confidencialidad.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/messages.py" line="38"/>
        <source>This conference is finalized and can no longer change. Add a dated addendum instead.</source>
        <translation>Esta conferencia está finalizada y ya no puede cambiar. Añada una adenda fechada.</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="32"/>
        <source>New case</source>
        <translation>Nuevo caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="36"/>
        <source>Case &amp;number:</source>
        <translation>&amp;Número de caso:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="36"/>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="37"/>
        <source>&amp;Family name:</source>
        <translation>Apellido de la &amp;familia:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="37"/>
        <source>Family name</source>
        <translation>Apellido de la familia</translation>
    </message>
</context>
<context>
    <name>NewConferenceDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="56"/>
        <source>New conference</source>
        <translation>Nueva conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="63"/>
        <source>&amp;Case:</source>
        <translation>&amp;Caso:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="63"/>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="66"/>
        <source>&amp;Expect the people of this case&apos;s last conference</source>
        <translation>&amp;Esperar a las personas de la última conferencia de este caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/new_dialogs.py" line="68"/>
        <source>Expect the people of this case&apos;s last conference</source>
        <translation>Esperar a las personas de la última conferencia de este caso</translation>
    </message>
</context>
<context>
    <name>NotesPage</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="98"/>
        <source>Note sections</source>
        <translation>Secciones de notas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="109"/>
        <source>Go to &amp;confidentiality</source>
        <translation>Ir a &amp;confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="110"/>
        <source>Go to confidentiality</source>
        <translation>Ir a confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="113"/>
        <source>Note text</source>
        <translation>Texto de la nota</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="117"/>
        <source>May I share this note?…</source>
        <translation>¿Puedo compartir esta nota?…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="125"/>
        <source>Interview of a chil&amp;d:</source>
        <translation>Entrevista a un &amp;menor:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="127"/>
        <source>Interview of a child</source>
        <translation>Entrevista a un menor</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="128"/>
        <source>Record &amp;permission…</source>
        <translation>Registrar &amp;permiso…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="129"/>
        <source>Record permission</source>
        <translation>Registrar permiso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="130"/>
        <source>Contains protected health &amp;information</source>
        <translation>Contiene información de &amp;salud protegida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="131"/>
        <source>Contains protected health information</source>
        <translation>Contiene información de salud protegida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="132"/>
        <source>Revision &amp;history…</source>
        <translation>&amp;Historial de revisiones…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="133"/>
        <source>Revision history</source>
        <translation>Historial de revisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="137"/>
        <source>Addenda</source>
        <translation>Adendas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="139"/>
        <source>New addendum</source>
        <translation>Nueva adenda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="140"/>
        <source>A dated correction or addition…</source>
        <translation>Una corrección o adición fechada…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="141"/>
        <source>Add dated &amp;addendum</source>
        <translation>Añadir a&amp;denda fechada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="142"/>
        <source>Add dated addendum</source>
        <translation>Añadir adenda fechada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="146"/>
        <source>&lt;b&gt;Addenda&lt;/b&gt; (this conference is finalized)</source>
        <translation>&lt;b&gt;Adendas&lt;/b&gt; (esta conferencia está finalizada)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="174"/>
        <source>&lt;h3&gt;Notes&lt;/h3&gt;</source>
        <translation>&lt;h3&gt;Notas&lt;/h3&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="212"/>
        <source>This conference is finalized: the notes are read-only. Corrections go in a dated addendum below.</source>
        <translation>Esta conferencia está finalizada: las notas son de solo lectura. Las correcciones van en una adenda fechada, abajo.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="217"/>
        <source>Check in at least one attendee before notes can be written.</source>
        <translation>Registre la llegada de al menos un asistente antes de escribir notas.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="221"/>
        <source>Notes are paused until everyone present has acknowledged confidentiality. Waiting for: %1</source>
        <translation>Las notas están en pausa hasta que todas las personas presentes reconozcan la confidencialidad. Falta: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="280"/>
        <source>Not an interview</source>
        <translation>No es una entrevista</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="297"/>
        <source>Not marked as an interview</source>
        <translation>No está marcada como entrevista</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="320"/>
        <source>Permission not recorded</source>
        <translation>Permiso no registrado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="349"/>
        <source>Editing…</source>
        <translation>Editando…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="299"/>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="331"/>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="366"/>
        <source>Not saved: %1</source>
        <translation>No se guardó: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="371"/>
        <source>Saved at %1</source>
        <translation>Guardado a las %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="414"/>
        <source>Addendum not added</source>
        <translation>No se añadió la adenda</translation>
    </message>
</context>
<context>
    <name>NoticeStatusModel</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="59"/>
        <source>Adult client</source>
        <translation>Cliente adulto</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="59"/>
        <source>Privacy notice</source>
        <translation>Aviso de privacidad</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="86"/>
        <source>Password for the copy</source>
        <translation>Contraseña de la copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="87"/>
        <source>The PDF is encrypted (AES-256). Give the recipient the password another way, never with the file. At least %1 characters.</source>
        <translation>El PDF está cifrado (AES-256). Dé la contraseña al destinatario por otra vía, nunca junto con el archivo. Al menos %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="95"/>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="96"/>
        <source>Password again</source>
        <translation>Repita la contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="98"/>
        <source>&amp;Password:</source>
        <translation>&amp;Contraseña:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="100"/>
        <source>Password &amp;again:</source>
        <translation>&amp;Repita la contraseña:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="125"/>
        <source>The two passwords are not the same.</source>
        <translation>Las dos contraseñas no coinciden.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="127"/>
        <source>Use a password of at least %1 characters.</source>
        <translation>Use una contraseña de al menos %1 caracteres.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/copy_dialog.py" line="130"/>
        <source>A password of spaces only protects nothing.</source>
        <translation>Una contraseña de solo espacios no protege nada.</translation>
    </message>
</context>
<context>
    <name>PeopleDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="147"/>
        <source>People on the case — %1</source>
        <translation>Personas del caso — %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="151"/>
        <source>People on the case</source>
        <translation>Personas del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="157"/>
        <source>&amp;Add person…</source>
        <translation>A&amp;gregar persona…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="158"/>
        <source>Add person</source>
        <translation>Agregar persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="159"/>
        <source>&amp;Edit person…</source>
        <translation>&amp;Editar persona…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="160"/>
        <source>Edit person</source>
        <translation>Editar persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="163"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="209"/>
        <source>%1 added.</source>
        <translation>%1 agregado/a.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="223"/>
        <source>%1 saved.</source>
        <translation>%1 guardado/a.</translation>
    </message>
</context>
<context>
    <name>PeopleModel</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="51"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="51"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="51"/>
        <source>Relationship</source>
        <translation>Relación</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="51"/>
        <source>To whom</source>
        <translation>De quién</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="72"/>
        <source>Edit person</source>
        <translation>Editar persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="72"/>
        <source>Add person</source>
        <translation>Agregar persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="78"/>
        <source>No relationship recorded</source>
        <translation>Sin relación registrada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="82"/>
        <source>Nobody</source>
        <translation>Nadie</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="88"/>
        <source>&amp;Name:</source>
        <translation>&amp;Nombre:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="88"/>
        <source>Person&apos;s name</source>
        <translation>Nombre de la persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="89"/>
        <source>&amp;Kind:</source>
        <translation>&amp;Tipo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="89"/>
        <source>Kind of person</source>
        <translation>Tipo de persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="90"/>
        <source>&amp;Relationship:</source>
        <translation>&amp;Relación:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="90"/>
        <source>Relationship</source>
        <translation>Relación</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="91"/>
        <source>&amp;To whom:</source>
        <translation>&amp;De quién:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="91"/>
        <source>Related to whom</source>
        <translation>Relacionado/a con quién</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="102"/>
        <source>Save person</source>
        <translation>Guardar persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="104"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/people_dialog.py" line="132"/>
        <source>Not saved: a relationship names both what this person is and to whom. Choose both, or neither.</source>
        <translation>No se guardó: una relación indica qué es esta persona y de quién. Elija ambas cosas o ninguna.</translation>
    </message>
</context>
<context>
    <name>PersonLabels</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="18"/>
        <source>Client</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="19"/>
        <source>Parent</source>
        <translation>Padre o madre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="20"/>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="39"/>
        <source>Legal guardian</source>
        <translation>Tutor legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="21"/>
        <source>Child</source>
        <translation>Niño/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="22"/>
        <source>Relative</source>
        <translation>Familiar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="23"/>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="41"/>
        <source>Authorized representative</source>
        <translation>Representante autorizado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="25"/>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="40"/>
        <source>Attorney</source>
        <translation>Abogado/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="28"/>
        <source>Parent of</source>
        <translation>Padre o madre de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="29"/>
        <source>Legal guardian of</source>
        <translation>Tutor legal de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="30"/>
        <source>Child of</source>
        <translation>Hijo/a de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="31"/>
        <source>Relative of</source>
        <translation>Familiar de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="32"/>
        <source>Attorney for</source>
        <translation>Abogado/a de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="33"/>
        <source>Authorized representative of</source>
        <translation>Representante autorizado de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="37"/>
        <source>Self (whose information it is)</source>
        <translation>La propia persona (de quien es la información)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="38"/>
        <source>Parent, for a child</source>
        <translation>Padre o madre, por un niño/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="45"/>
        <source>Obtain records for the agency</source>
        <translation>Obtener registros para la agencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="46"/>
        <source>Release agency records</source>
        <translation>Divulgar registros de la agencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="49"/>
        <source>Requested</source>
        <translation>Solicitado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="50"/>
        <source>Given</source>
        <translation>Otorgado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="51"/>
        <source>Refused</source>
        <translation>Negado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="52"/>
        <source>Revoked</source>
        <translation>Revocado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/person_labels.py" line="53"/>
        <source>Expired</source>
        <translation>Vencido</translation>
    </message>
</context>
<context>
    <name>PrivacyNotice</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="45"/>
        <source>Notice received</source>
        <translation>Aviso recibido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="46"/>
        <source>Notice refused</source>
        <translation>Aviso rechazado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="47"/>
        <source>Notice not yet given</source>
        <translation>Aviso aún no entregado</translation>
    </message>
</context>
<context>
    <name>PrivacyNoticeDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="79"/>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="87"/>
        <source>Notice of Privacy Practices</source>
        <translation>Aviso de Prácticas de Privacidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="80"/>
        <source>Notice of Privacy Practices for &lt;b&gt;%1&lt;/b&gt;, in %2 (version %3)</source>
        <translation>Aviso de Prácticas de Privacidad para &lt;b&gt;%1&lt;/b&gt;, en %2 (versión %3)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="90"/>
        <source>&amp;Received</source>
        <translation>&amp;Recibido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="91"/>
        <source>Received the Notice</source>
        <translation>Recibió el Aviso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="92"/>
        <source>Re&amp;fused</source>
        <translation>Se &amp;negó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="93"/>
        <source>Refused the Notice</source>
        <translation>Se negó a recibir el Aviso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="94"/>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="95"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>PrivacyNoticePanel</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="135"/>
        <source>Notice of Privacy Practices</source>
        <translation>Aviso de Prácticas de Privacidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="140"/>
        <source>Give the Notice of &amp;Privacy Practices…</source>
        <translation>Dar el av&amp;iso de prácticas de privacidad…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="141"/>
        <source>Give the Notice of Privacy Practices</source>
        <translation>Dar el Aviso de Prácticas de Privacidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/privacy_notice.py" line="189"/>
        <source>Not recorded</source>
        <translation>No se registró</translation>
    </message>
</context>
<context>
    <name>ReleaseForm</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="20"/>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="21"/>
        <source>Whose information</source>
        <translation>De quién es la información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="22"/>
        <source>Signed by</source>
        <translation>Firmado por</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="23"/>
        <source>Signing as</source>
        <translation>Firma como</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="24"/>
        <source>Records obtained from</source>
        <translation>Registros obtenidos de</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="25"/>
        <source>Records released to</source>
        <translation>Registros entregados a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="26"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="27"/>
        <source>Records to obtain</source>
        <translation>Registros que se obtendrán</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="28"/>
        <source>Records to release</source>
        <translation>Registros que se entregarán</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="29"/>
        <source>Recipients</source>
        <translation>Destinatarios</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="30"/>
        <source>Purpose</source>
        <translation>Propósito</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="31"/>
        <source>Valid from</source>
        <translation>Válido desde</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="32"/>
        <source>Valid until</source>
        <translation>Válido hasta</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="33"/>
        <source>Signature</source>
        <translation>Firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="34"/>
        <source>Date</source>
        <translation>Fecha</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="35"/>
        <source>Confidential: child welfare record.</source>
        <translation>Confidencial: registro de bienestar infantil.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="38"/>
        <source>The person the information is about</source>
        <translation>La persona de quien es la información</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="39"/>
        <source>Parent of the child</source>
        <translation>Padre o madre del menor</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="40"/>
        <source>Legal guardian</source>
        <translation>Tutor legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="41"/>
        <source>Attorney</source>
        <translation>Abogado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/release_form.py" line="42"/>
        <source>Authorized representative</source>
        <translation>Representante autorizado</translation>
    </message>
</context>
<context>
    <name>ReportBreachDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="18"/>
        <source>Report a breach</source>
        <translation>Informar una infracción</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="21"/>
        <source>What happened</source>
        <translation>Qué pasó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="23"/>
        <source>Who may have received it</source>
        <translation>Quién puede haberla recibido</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="25"/>
        <source>What &amp;happened:</source>
        <translation>&amp;Qué pasó:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="26"/>
        <source>&amp;When:</source>
        <translation>&amp;Cuándo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="27"/>
        <source>Who may have &amp;received it:</source>
        <translation>Quién puede haberla reci&amp;bido:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_breach_dialog.py" line="32"/>
        <source>Report a breach of confidentiality at once. Only the Agency Legal Director sees this report; they notify the Commissioner and Human Resources.</source>
        <translation>Informe de inmediato una infracción de la confidencialidad. Solo el Director Legal de la Agencia ve este informe; él o ella avisa al Comisionado y a Recursos Humanos.</translation>
    </message>
</context>
<context>
    <name>ReportLoss</name>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="40"/>
        <source>A laptop, phone or other device</source>
        <translation>Una computadora portátil, un teléfono u otro dispositivo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="41"/>
        <source>Paper notes or documents</source>
        <translation>Notas o documentos en papel</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="42"/>
        <source>A USB drive or memory card</source>
        <translation>Una memoria USB o tarjeta de memoria</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="43"/>
        <source>An email sent to the wrong person</source>
        <translation>Un correo enviado a la persona equivocada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="45"/>
        <source>Something else (say what below)</source>
        <translation>Otra cosa (diga qué abajo)</translation>
    </message>
</context>
<context>
    <name>ReportLossDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="224"/>
        <source>Report a loss</source>
        <translation>Informar una pérdida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="228"/>
        <source>What was lost</source>
        <translation>Qué se perdió</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="230"/>
        <source>Where it happened</source>
        <translation>Dónde pasó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="231"/>
        <source>It was &amp;stolen</source>
        <translation>Fue ro&amp;bado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="232"/>
        <source>The lost device is &amp;this laptop</source>
        <translation>El dispositivo perdido es es&amp;ta computadora</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="235"/>
        <source>Description</source>
        <translation>Descripción</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="239"/>
        <source>What was &amp;lost:</source>
        <translation>&amp;Qué se perdió:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="239"/>
        <source>&amp;When:</source>
        <translation>&amp;Cuándo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="240"/>
        <source>Whe&amp;re:</source>
        <translation>&amp;Dónde:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="247"/>
        <source>D&amp;escription:</source>
        <translation>D&amp;escripción:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="251"/>
        <source>Report lost or stolen confidential information at once, even if you only suspect it. The report is kept in the vault and sent to HQ first at the next sync; your supervisor and the legal director are told.</source>
        <translation>Informe de inmediato la pérdida o el robo de información confidencial, aunque solo lo sospeche. El informe se guarda en la bóveda y se envía primero a la sede en la próxima sincronización; se avisa a su supervisor y al director legal.</translation>
    </message>
</context>
<context>
    <name>RequestsModel</name>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="128"/>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="129"/>
        <source>Due</source>
        <translation>Vence</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="129"/>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="129"/>
        <source>Kind</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="130"/>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="130"/>
        <source>From</source>
        <translation>De</translation>
    </message>
</context>
<context>
    <name>RevisionsDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="44"/>
        <source>Revision history</source>
        <translation>Historial de revisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="46"/>
        <source>Revisions</source>
        <translation>Revisiones</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="49"/>
        <source>Revision text</source>
        <translation>Texto de la revisión</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/notes_page.py" line="52"/>
        <source>Revision %1 — %2 — %3</source>
        <translation>Revisión %1 — %2 — %3</translation>
    </message>
</context>
<context>
    <name>Roster</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="46"/>
        <source>Signed with key %1</source>
        <translation>Firmado con la clave %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="31"/>
        <source>witness</source>
        <translation>testigo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="32"/>
        <source>Sign-in and confidentiality roster</source>
        <translation>Lista de asistencia y confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="33"/>
        <source>Case</source>
        <translation>Caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="34"/>
        <source>Conference</source>
        <translation>Conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="35"/>
        <source>Facilitator</source>
        <translation>Facilitador/a</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="36"/>
        <source>Present</source>
        <translation>Presente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="37"/>
        <source>Name</source>
        <translation>Nombre</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="38"/>
        <source>Role</source>
        <translation>Función</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="39"/>
        <source>Presence</source>
        <translation>Asistencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="40"/>
        <source>Arrived</source>
        <translation>Llegada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="41"/>
        <source>Acknowledgment</source>
        <translation>Reconocimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="42"/>
        <source>Confidential: child welfare record.</source>
        <translation>Confidencial: expediente de bienestar infantil.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="43"/>
        <source>Contains protected health information</source>
        <translation>Contiene información de salud protegida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="44"/>
        <source>Left at %1</source>
        <translation>Salió a las %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="45"/>
        <source>Print roster</source>
        <translation>Imprimir lista</translation>
    </message>
</context>
<context>
    <name>RosterPreviewDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="137"/>
        <source>Pages as they will print</source>
        <translation>Las páginas tal como se imprimirán</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="140"/>
        <source>&amp;Print…</source>
        <translation>&amp;Imprimir…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="141"/>
        <source>Print</source>
        <translation>Imprimir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/printing.py" line="146"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="59"/>
        <source>Case number</source>
        <translation>Número de caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="59"/>
        <source>Family</source>
        <translation>Familia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/home.py" line="59"/>
        <source>Match</source>
        <translation>Coincidencia</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="23"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="26"/>
        <source>System default</source>
        <translation>Predeterminado del sistema</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="33"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="34"/>
        <source>Lock when the window is &amp;minimised</source>
        <translation>Bloquear al &amp;minimizar la ventana</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="38"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="38"/>
        <source>Interface language</source>
        <translation>Idioma de la interfaz</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="39"/>
        <source>Lock after &amp;idle:</source>
        <translation>Bloquear tras inacti&amp;vidad:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/settings_dialog.py" line="39"/>
        <source>Idle minutes before lock</source>
        <translation>Minutos de inactividad antes de bloquear</translation>
    </message>
</context>
<context>
    <name>ShareDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="82"/>
        <source>May I share this? — %1</source>
        <translation>¿Puedo compartir esto? — %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="85"/>
        <source>What to share</source>
        <translation>Qué compartir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="89"/>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="457"/>
        <source>Chosen notes</source>
        <translation>Notas elegidas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="98"/>
        <source>How</source>
        <translation>Cómo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="99"/>
        <source>Oral summary</source>
        <translation>Resumen oral</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="100"/>
        <source>Let them review it (no copy)</source>
        <translation>Dejar que lo revisen (sin copia)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="101"/>
        <source>A copy</source>
        <translation>Una copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="104"/>
        <source>Extent</source>
        <translation>Alcance</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="105"/>
        <source>All of it</source>
        <translation>Todo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="106"/>
        <source>Part of it</source>
        <translation>Una parte</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="108"/>
        <source>To whom</source>
        <translation>Destinatario</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="112"/>
        <source>Recipient&apos;s name</source>
        <translation>Nombre del destinatario</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="113"/>
        <source>Who exactly: a name or an office</source>
        <translation>Quién exactamente: un nombre o una oficina</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="115"/>
        <source>Health purpose</source>
        <translation>Propósito de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="116"/>
        <source>(none of these)</source>
        <translation>(ninguno de estos)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="126"/>
        <source>&amp;Record disclosure</source>
        <translation>&amp;Registrar divulgación</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="127"/>
        <source>Record disclosure</source>
        <translation>Registrar divulgación</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="128"/>
        <source>Make a cop&amp;y…</source>
        <translation>Hacer una cop&amp;ia…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="129"/>
        <source>Make a copy</source>
        <translation>Hacer una copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="130"/>
        <source>Request &amp;consent…</source>
        <translation>Solicitar consen&amp;timiento…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="131"/>
        <source>Request consent</source>
        <translation>Solicitar consentimiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="132"/>
        <source>Ask &amp;legal…</source>
        <translation>Consultar al área &amp;legal…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="133"/>
        <source>Ask legal</source>
        <translation>Consultar al área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="135"/>
        <source>Legal re&amp;views…</source>
        <translation>Re&amp;visiones legales…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="136"/>
        <source>Legal reviews of this case</source>
        <translation>Revisiones legales de este caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="143"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="148"/>
        <source>&amp;What:</source>
        <translation>&amp;Qué:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="149"/>
        <source>Chosen n&amp;otes:</source>
        <translation>Notas &amp;elegidas:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="150"/>
        <source>&amp;How:</source>
        <translation>&amp;Cómo:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="151"/>
        <source>E&amp;xtent:</source>
        <translation>&amp;Alcance:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="152"/>
        <source>&amp;To whom:</source>
        <translation>&amp;Destinatario:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="153"/>
        <source>Recipient&apos;s &amp;name:</source>
        <translation>&amp;Nombre del destinatario:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="154"/>
        <source>Health &amp;purpose:</source>
        <translation>&amp;Propósito de salud:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="168"/>
        <source>&lt;b&gt;Decision&lt;/b&gt;</source>
        <translation>&lt;b&gt;Decisión&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="282"/>
        <source>Choose the notes to share.</source>
        <translation>Elija las notas que desea compartir.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="284"/>
        <source>Type who exactly would receive it: a consent or a release must name them.</source>
        <translation>Escriba quién exactamente lo recibiría: un consentimiento o una autorización debe nombrarlo.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="296"/>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="348"/>
        <source>Making copies is not available in this version.</source>
        <translation>Hacer copias no está disponible en esta versión.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="322"/>
        <source>Disclosure recorded at %1 to %2. You may now tell or show it.</source>
        <translation>Divulgación registrada a las %1 a %2. Ahora puede contarla o mostrarla.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="335"/>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="439"/>
        <source>Copy not released</source>
        <translation>La copia no salió</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="347"/>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="364"/>
        <source>No copy made</source>
        <translation>No se hizo la copia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="425"/>
        <source>Not disclosed</source>
        <translation>No divulgado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="455"/>
        <source>The whole case record</source>
        <translation>El expediente completo del caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="456"/>
        <source>This conference&apos;s summary</source>
        <translation>El resumen de esta conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="458"/>
        <source>Health information</source>
        <translation>Información de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="459"/>
        <source>Legal advice</source>
        <translation>Asesoría legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="463"/>
        <source>the client</source>
        <translation>el cliente</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="464"/>
        <source>parent or legal guardian</source>
        <translation>padre, madre o tutor legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="465"/>
        <source>attorney or authorized representative</source>
        <translation>abogado/a o representante autorizado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="467"/>
        <source>Agency staff with a business reason to know</source>
        <translation>Personal de la agencia con motivo de trabajo para saberlo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="468"/>
        <source>An Assistant Attorney General</source>
        <translation>Un Fiscal General Adjunto</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="469"/>
        <source>The court hearing this case</source>
        <translation>El tribunal que ve este caso</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="470"/>
        <source>A third party named by a release</source>
        <translation>Un tercero nombrado en una autorización</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="471"/>
        <source>Any other third party</source>
        <translation>Cualquier otro tercero</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="475"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="479"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="61"/>
        <source>Treatment</source>
        <translation>Tratamiento</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="480"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="62"/>
        <source>Payment</source>
        <translation>Pago</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="481"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="63"/>
        <source>Health-care operations</source>
        <translation>Operaciones de atención de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="482"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="65"/>
        <source>Health oversight</source>
        <translation>Supervisión de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="484"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="66"/>
        <source>Judicial or administrative proceeding</source>
        <translation>Procedimiento judicial o administrativo</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="486"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="68"/>
        <source>Placement or adoption recruitment</source>
        <translation>Colocación o reclutamiento para adopción</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="487"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="70"/>
        <source>Abuse or neglect, and its proceedings</source>
        <translation>Abuso o negligencia, y sus procedimientos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="488"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="72"/>
        <source>Medical research</source>
        <translation>Investigación médica</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="489"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="73"/>
        <source>Law enforcement</source>
        <translation>Cumplimiento de la ley</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="490"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="74"/>
        <source>Adjudicated youth</source>
        <translation>Jóvenes con adjudicación judicial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="491"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="75"/>
        <source>Public health</source>
        <translation>Salud pública</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="493"/>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="76"/>
        <source>Tell family of a person&apos;s location and condition</source>
        <translation>Avisar a la familia del paradero y estado de una persona</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/share_dialog.py" line="504"/>
        <source>addendum</source>
        <translation>adenda</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="84"/>
        <source>Signature of %1</source>
        <translation>Firma de %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="86"/>
        <source>Signature pad</source>
        <translation>Panel de firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="87"/>
        <source>C&amp;lear</source>
        <translation>&amp;Borrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="88"/>
        <source>Clear signature</source>
        <translation>Borrar firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="92"/>
        <source>&amp;Record signature</source>
        <translation>&amp;Registrar firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="93"/>
        <source>Record signature</source>
        <translation>Registrar firma</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="96"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/consents_dialog.py" line="103"/>
        <source>Sign in the box with a finger, pen or mouse.</source>
        <translation>Firme en el recuadro con el dedo, un lápiz o el ratón.</translation>
    </message>
</context>
<context>
    <name>StaffTermsScreen</name>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="33"/>
        <source>&lt;h2&gt;Staff confidentiality terms&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Términos de confidencialidad para el personal&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="35"/>
        <source>Before you work on conferences, read and acknowledge the staff confidentiality terms. You are asked again every 12 months.</source>
        <translation>Antes de trabajar en conferencias, lea y acepte los términos de confidencialidad para el personal. Se le pedirá de nuevo cada 12 meses.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="38"/>
        <source>&amp;Language of the terms:</source>
        <translation>&amp;Idioma de los términos:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="42"/>
        <source>Language of the terms</source>
        <translation>Idioma de los términos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="45"/>
        <source>Staff confidentiality terms</source>
        <translation>Términos de confidencialidad para el personal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="47"/>
        <source>I have &amp;read and understood these terms</source>
        <translation>He &amp;leído y comprendido estos términos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="48"/>
        <source>I have read and understood these terms</source>
        <translation>He leído y comprendido estos términos</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="49"/>
        <source>&amp;Acknowledge</source>
        <translation>Acep&amp;tar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/staff_terms_screen.py" line="50"/>
        <source>Acknowledge</source>
        <translation>Aceptar</translation>
    </message>
</context>
<context>
    <name>StoppedPanel</name>
    <message>
        <location filename="../../src/safeconf/ui/lock/fail_closed.py" line="58"/>
        <source>&lt;h2&gt;safeconf stopped&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;safeconf se detuvo&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/fail_closed.py" line="60"/>
        <source>Something went wrong and safeconf could not lock normally, so it closed the vault and hid everything to protect the records. Close safeconf and start it again. If this keeps happening, tell IT.</source>
        <translation>Algo salió mal y safeconf no pudo bloquearse de la forma habitual, así que cerró la bóveda y ocultó todo para proteger los registros. Cierre safeconf y vuelva a abrirlo. Si vuelve a pasar, avise al equipo de TI.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/fail_closed.py" line="65"/>
        <source>&amp;Close safeconf</source>
        <translation>&amp;Cerrar safeconf</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/fail_closed.py" line="66"/>
        <source>Close safeconf</source>
        <translation>Cerrar safeconf</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="30"/>
        <source>This laptop is not enrolled with HQ yet. Ask HQ for an enrollment code and choose Enroll with HQ.</source>
        <translation>Este portátil aún no está registrado en HQ. Pida a HQ un código de registro y elija Registrar en HQ.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="33"/>
        <source>HQ has revoked this laptop and asked for its data to be erased. The vault on this laptop has been destroyed. Contact IT.</source>
        <translation>HQ ha revocado este portátil y ha pedido borrar sus datos. La bóveda de este portátil se ha destruido. Contacte con el servicio de TI.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="37"/>
        <source>HQ has withdrawn this laptop&apos;s access and asks for its case data to be erased.</source>
        <translation>HQ ha retirado el acceso de este portátil y pide borrar sus datos de casos.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="39"/>
        <source>HQ has withdrawn this laptop&apos;s access.</source>
        <translation>HQ ha retirado el acceso de este portátil.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="41"/>
        <source>This laptop&apos;s certificate has expired. Ask HQ for a new enrollment code.</source>
        <translation>El certificado de este portátil ha caducado. Pida a HQ un nuevo código de registro.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="46"/>
        <source>This laptop&apos;s clock is about %n minute(s) behind HQ&apos;s. Set the correct date and time, then sync again.</source>
        <translation>
            <numerusform>El reloj de este portátil va unos %n minuto por detrás del de HQ. Ponga la fecha y la hora correctas y vuelva a sincronizar.</numerusform>
            <numerusform>El reloj de este portátil va unos %n minutos por detrás del de HQ. Ponga la fecha y la hora correctas y vuelva a sincronizar.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="48"/>
        <source>This laptop&apos;s clock is about %n minute(s) ahead of HQ&apos;s. Set the correct date and time, then sync again.</source>
        <translation>
            <numerusform>El reloj de este portátil va unos %n minuto por delante del de HQ. Ponga la fecha y la hora correctas y vuelva a sincronizar.</numerusform>
            <numerusform>El reloj de este portátil va unos %n minutos por delante del de HQ. Ponga la fecha y la hora correctas y vuelva a sincronizar.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="51"/>
        <source>The server did not prove it is your agency&apos;s HQ, so nothing was sent. Tell your IT support.</source>
        <translation>El servidor no demostró ser la HQ de su agencia, así que no se envió nada. Avise a su servicio de TI.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="55"/>
        <source>HQ could not be reached. Check the network connection and try again later.</source>
        <translation>No se pudo contactar con HQ. Compruebe la conexión de red y vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="58"/>
        <source>HQ did not answer in time. Try again later.</source>
        <translation>HQ no respondió a tiempo. Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="60"/>
        <source>HQ is having problems. Try again later.</source>
        <translation>HQ tiene problemas. Vuelva a intentarlo más tarde.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="62"/>
        <source>The connection to HQ was interrupted. Try again.</source>
        <translation>Se interrumpió la conexión con HQ. Vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_messages.py" line="68"/>
        <source>HQ does not accept this laptop&apos;s certificate. If this laptop was never enrolled, or was enrolled with another HQ, enroll it again.</source>
        <translation>HQ no acepta el certificado de este portátil. Si este portátil nunca se registró, o se registró en otra HQ, regístrelo de nuevo.</translation>
    </message>
</context>
<context>
    <name>SyncStatusButton</name>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="60"/>
        <source>Sync status: %1</source>
        <translation>Estado de la sincronización: %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="61"/>
        <source>Show the last sync message</source>
        <translation>Mostrar el último mensaje de sincronización</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="72"/>
        <source>Not enrolled</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="74"/>
        <source>Not synced yet</source>
        <translation>Aún sin sincronizar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="76"/>
        <source>Synced at %1</source>
        <translation>Sincronizado a las %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="79"/>
        <source>Syncing… %1 of %2</source>
        <translation>Sincronizando… %1 de %2</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="81"/>
        <source>Syncing…</source>
        <translation>Sincronizando…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="83"/>
        <source>Offline</source>
        <translation>Sin conexión</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="86"/>
        <source>Needs attention: %n conflict(s)</source>
        <translation>
            <numerusform>Requiere atención: %n conflicto</numerusform>
            <numerusform>Requiere atención: %n conflictos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="87"/>
        <source>Needs attention</source>
        <translation>Requiere atención</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="97"/>
        <source>This laptop is not enrolled with HQ yet, so nothing is sent or received. Ask HQ for an enrollment code and choose File → Enroll with HQ.</source>
        <translation>Este portátil aún no está registrado en HQ, así que no se envía ni se recibe nada. Pida a HQ un código de registro y elija Archivo → Registrar en HQ.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="101"/>
        <source>This laptop is enrolled but has not synced with HQ yet.</source>
        <translation>Este portátil está registrado pero aún no se ha sincronizado con HQ.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="103"/>
        <source>A sync with HQ is running.</source>
        <translation>Hay una sincronización con HQ en curso.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="105"/>
        <source>Last synced with HQ: %1.</source>
        <translation>Última sincronización con HQ: %1.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="109"/>
        <source>%n record(s) changed both on this laptop and at HQ. Both versions were kept; choose File → Review conflicts to decide which one stays.</source>
        <translation>
            <numerusform>%n registro cambió tanto en este portátil como en HQ. Se conservaron ambas versiones; elija Archivo → Revisar conflictos para decidir cuál se queda.</numerusform>
            <numerusform>%n registros cambiaron tanto en este portátil como en HQ. Se conservaron ambas versiones; elija Archivo → Revisar conflictos para decidir cuál se queda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/sync/sync_widgets.py" line="113"/>
        <source>Nothing was lost: %n change(s) are kept on this laptop and will be sent at the next sync.</source>
        <translation>
            <numerusform>No se perdió nada: %n cambio se guarda en este portátil y se enviará en la próxima sincronización.</numerusform>
            <numerusform>No se perdió nada: %n cambios se guardan en este portátil y se enviarán en la próxima sincronización.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockScreen</name>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="216"/>
        <source>&lt;h2&gt;safeconf is locked&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;safeconf está bloqueado&lt;/h2&gt;</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="218"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="219"/>
        <source>&amp;Passphrase:</source>
        <translation>&amp;Frase de contraseña:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="221"/>
        <source>&amp;Unlock</source>
        <translation>&amp;Desbloquear</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="222"/>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="226"/>
        <source>Unlocking</source>
        <translation>Desbloqueando</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="229"/>
        <source>Forgot the passphrase? If this laptop is enrolled with HQ, IT can give you a recovery code to set a new one. Nobody else can open this vault.</source>
        <translation>¿Olvidó la frase de contraseña? Si este portátil está registrado en HQ, el equipo de TI le puede dar un código de recuperación para elegir una nueva. Nadie más puede abrir esta bóveda.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="236"/>
        <source>Report a l&amp;oss…</source>
        <translation>Informar una &amp;pérdida…</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="237"/>
        <source>Report a loss</source>
        <translation>Informar una pérdida</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="267"/>
        <source>Too many wrong passphrases. Try again in %n second(s).</source>
        <translation>
            <numerusform>Demasiadas frases de contraseña incorrectas. Vuelva a intentarlo en %n segundo.</numerusform>
            <numerusform>Demasiadas frases de contraseña incorrectas. Vuelva a intentarlo en %n segundos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="275"/>
        <source>You can try again now.</source>
        <translation>Ya puede volver a intentarlo.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/lock/lock_screens.py" line="303"/>
        <source>Try again in %n second(s).</source>
        <translation>
            <numerusform>Vuelva a intentarlo en %n segundo.</numerusform>
            <numerusform>Vuelva a intentarlo en %n segundos.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Workspace</name>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="107"/>
        <source>← &amp;Back to conferences</source>
        <translation>← &amp;Volver a las conferencias</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="108"/>
        <source>Back to conferences</source>
        <translation>Volver a las conferencias</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="111"/>
        <source>Conference steps</source>
        <translation>Pasos de la conferencia</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="113"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="113"/>
        <source>Attendees and check-in</source>
        <translation>Asistentes y llegada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="114"/>
        <source>Confidentiality</source>
        <translation>Confidencialidad</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="114"/>
        <source>Notes</source>
        <translation>Notas</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="114"/>
        <source>Conclude</source>
        <translation>Concluir</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="152"/>
        <source>May I share this?…</source>
        <translation>¿Puedo compartir esto?…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="231"/>
        <source>%n present</source>
        <translation>
            <numerusform>%n presente</numerusform>
            <numerusform>%n presentes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="233"/>
        <source>%n waiting</source>
        <translation>
            <numerusform>falta %n</numerusform>
            <numerusform>faltan %n</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="235"/>
        <source>paused</source>
        <translation>en pausa</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="237"/>
        <source>read-only</source>
        <translation>solo lectura</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/workspace/conference_workspace.py" line="238"/>
        <source>finalized</source>
        <translation>finalizada</translation>
    </message>
</context>
<context>
    <name>_ReportDialog</name>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="104"/>
        <source>When it happened</source>
        <translation>Cuándo pasó</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="105"/>
        <source>&amp;Cases that may be affected:</source>
        <translation>Casos que pueden estar &amp;afectados:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="107"/>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="108"/>
        <source>Show the &amp;vault&apos;s cases</source>
        <translation>&amp;Mostrar los casos de la bóveda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="109"/>
        <source>Show the vault&apos;s cases</source>
        <translation>Mostrar los casos de la bóveda</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="117"/>
        <source>&amp;File report</source>
        <translation>&amp;Presentar el informe</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="119"/>
        <source>File report</source>
        <translation>Presentar el informe</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="139"/>
        <source>Vault &amp;passphrase:</source>
        <translation>&amp;Frase de contraseña de la bóveda:</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="141"/>
        <source>The vault is locked. Your passphrase files the report inside it; safeconf stays locked.</source>
        <translation>La bóveda está bloqueada. Su frase de contraseña guarda el informe dentro de ella; safeconf sigue bloqueado.</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="203"/>
        <source>&amp;Close</source>
        <translation>Ce&amp;rrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="204"/>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/losses/report_loss_dialog.py" line="206"/>
        <source>Report filed. Your receipt number is %1. It goes to HQ first at the next sync. Tell your supervisor now.</source>
        <translation>Informe presentado. Su número de recibo es %1. Va primero a la sede en la próxima sincronización. Avise ahora a su supervisor.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <location filename="../../src/safeconf/ui/disclosure/legal_review_dialog.py" line="426"/>
        <source>Sent to legal</source>
        <translation>Enviado al área legal</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="87"/>
        <source>Subpoena</source>
        <translation>Citación judicial</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="88"/>
        <source>Records request</source>
        <translation>Solicitud de registros</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="89"/>
        <source>Health-information request</source>
        <translation>Solicitud de información de salud</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="90"/>
        <source>Request to seal records</source>
        <translation>Solicitud de sellar registros</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="91"/>
        <source>Request to release records</source>
        <translation>Solicitud de divulgar registros</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="98"/>
        <source>Denied by legal</source>
        <translation>Negada por el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="99"/>
        <source>Released by legal</source>
        <translation>Divulgada por el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="100"/>
        <source>Sealed by legal</source>
        <translation>Sellada por el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="101"/>
        <source>Closed by legal</source>
        <translation>Cerrada por el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="103"/>
        <source>Acknowledged by legal</source>
        <translation>Recibida por el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="105"/>
        <source>Open — not yet sent to legal (next sync)</source>
        <translation>Abierta — aún no enviada al área legal (próxima sincronización)</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="107"/>
        <source>Open — with legal</source>
        <translation>Abierta — en el área legal</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="108"/>
        <source>OVERDUE — %1</source>
        <translation>VENCIDA — %1</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="112"/>
        <source>acknowledged</source>
        <translation>recibida</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="113"/>
        <source>extended</source>
        <translation>prorrogada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="114"/>
        <source>denied</source>
        <translation>negada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="115"/>
        <source>released</source>
        <translation>divulgada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="116"/>
        <source>sealed</source>
        <translation>sellada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="117"/>
        <source>closed</source>
        <translation>cerrada</translation>
    </message>
    <message>
        <location filename="../../src/safeconf/ui/legal/requests_dialog.py" line="118"/>
        <source>reopened</source>
        <translation>reabierta</translation>
    </message>
</context>
</TS>
